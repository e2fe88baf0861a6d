import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { identifierParam } from '@/lib/entities/entity-params';
import { listEntityHistory } from '@/lib/entities/list-entity-history';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier}/history - the entity's versions from the audit log, newest first
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  const page = parsePageParams(url);
  return { body: await listEntityHistory(getDb(), ctx, blueprintParam(params.blueprint), identifierParam(params.identifier), page) };
});
