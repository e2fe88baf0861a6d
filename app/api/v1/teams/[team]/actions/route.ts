import { listActionsFilter } from '@/lib/actions/action-params';
import { createActionBody } from '@/lib/actions/action-schemas';
import { createAction, listActions } from '@/lib/actions/action-service';
import { getDb } from '@/lib/db/prisma';
import { versionEtag } from '@/lib/http/etag';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/actions - the team's actions, oldest first (filters blueprint, trigger; cursor)
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['blueprint', 'trigger', 'limit', 'cursor']);
  return { body: await listActions(getDb(), ctx, listActionsFilter(url), parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/actions - define an action; the answer carries its signing secret, once
export const POST = withTeam({ body: createActionBody }, async (ctx, { url, body }) => {
  allowOnlyParams(url, []);
  const { action, version, signingSecret } = await createAction(getDb(), ctx, body);
  return { status: 201, body: { ...action, signing_secret: signingSecret }, headers: { etag: versionEtag(version) } };
});
