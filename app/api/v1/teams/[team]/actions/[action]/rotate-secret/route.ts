import { actionParam } from '@/lib/actions/action-params';
import { rotateActionSecret } from '@/lib/actions/action-service';
import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// POST /api/v1/teams/{team}/actions/{action}/rotate-secret - a new signing secret, answered once; the old one stops at once
export const POST = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  const { version, signingSecret } = await rotateActionSecret(getDb(), ctx, actionParam(params.action), {
    ifMatch: ifMatchVersions(request),
  });
  return { body: { signing_secret: signingSecret }, headers: { etag: versionEtag(version) } };
});
