import { versionEtag } from '@/lib/http/etag';
import { createBlueprint, listBlueprints } from '@/lib/blueprints/blueprint-service';
import { createBlueprintBody } from '@/lib/blueprints/schemas';
import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/blueprints - the team's blueprints with their entity counts
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listBlueprints(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/blueprints - create a blueprint (its schema is checked against draft 2020-12)
export const POST = withTeam({ body: createBlueprintBody }, async (ctx, { url, body }) => {
  allowOnlyParams(url, []);
  const view = await createBlueprint(getDb(), ctx, body);
  return { status: 201, body: view, headers: { etag: versionEtag(view.version) } };
});
