import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { flagParam } from '@/lib/http/query-params';
import { deleteBlueprint, getBlueprint, previewDeleteBlueprint, updateBlueprint } from '@/lib/blueprints/blueprint-service';
import type { BlueprintView } from '@/lib/blueprints/blueprint-view';
import { patchBlueprintBody, replaceBlueprintBody } from '@/lib/blueprints/schemas';
import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

const withEtag = (view: BlueprintView) => ({ body: view, headers: { etag: versionEtag(view.version) } });

// GET /api/v1/teams/{team}/blueprints/{id} - one blueprint with its entity count (and its ETag)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return withEtag(await getBlueprint(getDb(), ctx, blueprintParam(params.blueprint)));
});

// PUT /api/v1/teams/{team}/blueprints/{id} - replace title, description, icon and schema (?force=true past failing entities)
export const PUT = withTeam({ body: replaceBlueprintBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, ['force']);
  const options = { force: flagParam(url, 'force'), ifMatch: ifMatchVersions(request) };
  return withEtag(await updateBlueprint(getDb(), ctx, blueprintParam(params.blueprint), { replace: true, input: body }, options));
});

// PATCH /api/v1/teams/{team}/blueprints/{id} - change the top-level fields given (?force=true past failing entities)
export const PATCH = withTeam({ body: patchBlueprintBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, ['force']);
  const options = { force: flagParam(url, 'force'), ifMatch: ifMatchVersions(request) };
  return withEtag(await updateBlueprint(getDb(), ctx, blueprintParam(params.blueprint), { replace: false, input: body }, options));
});

// DELETE /api/v1/teams/{team}/blueprints/{id} - delete it and, by cascade, its entities (?dry_run=true reports what would go)
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, ['dry_run']);
  const id = blueprintParam(params.blueprint);
  if (flagParam(url, 'dry_run')) return { body: await previewDeleteBlueprint(getDb(), ctx, id) };
  await deleteBlueprint(getDb(), ctx, id, { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
