import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { savedViewParam } from '@/lib/saved-views/saved-view-params';
import { patchSavedViewBody, replaceSavedViewBody } from '@/lib/saved-views/saved-view-schemas';
import { deleteSavedView, getSavedView, updateSavedView, type SavedViewWithVersion } from '@/lib/saved-views/saved-view-service';

const withEtag = ({ view, version }: SavedViewWithVersion) => ({ body: view, headers: { etag: versionEtag(version) } });
const ids = (params: Record<string, string>) => [blueprintParam(params.blueprint), savedViewParam(params.view)] as const;

// GET /api/v1/teams/{team}/blueprints/{bp}/views/{view} - one view (and its ETag); someone else's private view is a 404
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return withEtag(await getSavedView(getDb(), ctx, ...ids(params)));
});

// PUT /api/v1/teams/{team}/blueprints/{bp}/views/{view} - replace the view (If-Match: its ETag)
export const PUT = withTeam({ body: replaceSavedViewBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateSavedView(getDb(), ctx, ...ids(params), { replace: true, input: body }, options));
});

// PATCH /api/v1/teams/{team}/blueprints/{bp}/views/{view} - a JSON merge patch of the view (If-Match: its ETag)
export const PATCH = withTeam({ body: patchSavedViewBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateSavedView(getDb(), ctx, ...ids(params), { replace: false, patch: body }, options));
});

// DELETE /api/v1/teams/{team}/blueprints/{bp}/views/{view} - delete the view (a shared one needs entity:write)
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  await deleteSavedView(getDb(), ctx, ...ids(params), { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
