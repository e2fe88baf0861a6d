import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { identifierParam } from '@/lib/entities/entity-params';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { getEntityGraph, parseGraphParams } from '@/lib/relations/get-entity-graph';

// GET /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier}/graph - the entities N hops around it and the links among them
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['direction', 'max_hops', 'limit']);
  const options = parseGraphParams(url);
  return { body: await getEntityGraph(getDb(), ctx, blueprintParam(params.blueprint), identifierParam(params.identifier), options) };
});
