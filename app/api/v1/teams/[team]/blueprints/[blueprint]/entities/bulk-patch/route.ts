import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { bulkPatchBody } from '@/lib/entities/bulk-edit-schemas';
import { bulkPatchEntities } from '@/lib/entities/bulk-patch-entities';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// POST /api/v1/teams/{team}/blueprints/{bp}/entities/bulk-patch - one merge patch applied to 1..1000 entities (200 all applied, 207 per-item results otherwise)
export const POST = withTeam({ body: bulkPatchBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const { allSucceeded, results } = await bulkPatchEntities(getDb(), ctx, blueprintParam(params.blueprint), body.identifiers, body.patch);
  return { status: allSucceeded ? 200 : 207, body: { results } };
});
