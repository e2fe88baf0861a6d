import { listActionsOffered } from '@/lib/actions/list-actions-offered';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/blueprints/{bp}/actions - the enabled "create" actions offered on the blueprint's catalog
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return { body: await listActionsOffered(getDb(), ctx, blueprintParam(params.blueprint), null) };
});
