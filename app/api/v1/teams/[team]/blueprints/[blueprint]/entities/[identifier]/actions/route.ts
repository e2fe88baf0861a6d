import { listActionsOffered } from '@/lib/actions/list-actions-offered';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { identifierParam } from '@/lib/entities/entity-params';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier}/actions - the day-2 and delete actions offered on the entity (their conditions match it)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return { body: await listActionsOffered(getDb(), ctx, blueprintParam(params.blueprint), identifierParam(params.identifier)) };
});
