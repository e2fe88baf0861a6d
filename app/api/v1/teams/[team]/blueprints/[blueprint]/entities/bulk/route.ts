import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { bulkEntitiesBody } from '@/lib/entities/schemas';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// POST /api/v1/teams/{team}/blueprints/{bp}/entities/bulk - upsert 1..1000 entities by identifier (200 all written, 207 per-item results otherwise)
export const POST = withTeam({ body: bulkEntitiesBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const { allSucceeded, results } = await bulkUpsertEntities(getDb(), ctx, blueprintParam(params.blueprint), body.entities);
  return { status: allSucceeded ? 200 : 207, body: { results } };
});
