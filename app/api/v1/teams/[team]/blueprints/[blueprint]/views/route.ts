import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { createSavedViewBody } from '@/lib/saved-views/saved-view-schemas';
import { createSavedView, listSavedViews } from '@/lib/saved-views/saved-view-service';

// GET /api/v1/teams/{team}/blueprints/{bp}/views - the blueprint's views the caller sees (shared and their own), by title
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return { body: await listSavedViews(getDb(), ctx, blueprintParam(params.blueprint)) };
});

// POST /api/v1/teams/{team}/blueprints/{bp}/views - save a view (shared: true needs entity:write)
export const POST = withTeam({ body: createSavedViewBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const { view, version } = await createSavedView(getDb(), ctx, blueprintParam(params.blueprint), body);
  return { status: 201, body: view, headers: { etag: versionEtag(version) } };
});
