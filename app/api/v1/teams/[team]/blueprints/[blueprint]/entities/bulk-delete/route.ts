import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { bulkDeleteBody } from '@/lib/entities/bulk-edit-schemas';
import { bulkDeleteEntities } from '@/lib/entities/bulk-delete-entities';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// POST /api/v1/teams/{team}/blueprints/{bp}/entities/bulk-delete - delete 1..1000 entities and their links (200 all deleted, 207 per-item results otherwise)
export const POST = withTeam({ body: bulkDeleteBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const { allSucceeded, results } = await bulkDeleteEntities(getDb(), ctx, blueprintParam(params.blueprint), body.identifiers);
  return { status: allSucceeded ? 200 : 207, body: { results } };
});
