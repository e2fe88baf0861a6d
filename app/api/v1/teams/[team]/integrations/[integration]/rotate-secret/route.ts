import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { integrationParam } from '@/lib/integrations/integration-params';
import { rotateIntegrationSecret } from '@/lib/integrations/integration-service';

// POST /api/v1/teams/{team}/integrations/{integration}/rotate-secret - a new secret, answered once; the old one stops at once
export const POST = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  const { version, secret } = await rotateIntegrationSecret(getDb(), ctx, integrationParam(params.integration), {
    ifMatch: ifMatchVersions(request),
  });
  return { body: { secret }, headers: { etag: versionEtag(version) } };
});
