import { actionParam } from '@/lib/actions/action-params';
import { patchActionBody, replaceActionBody } from '@/lib/actions/action-schemas';
import { deleteAction, getAction, updateAction, type ActionWithVersion } from '@/lib/actions/action-service';
import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

const withEtag = ({ action, version }: ActionWithVersion) => ({ body: action, headers: { etag: versionEtag(version) } });

// GET /api/v1/teams/{team}/actions/{action} - one action (and its ETag); secret header values show as {"secret": true}
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return withEtag(await getAction(getDb(), ctx, actionParam(params.action)));
});

// PUT /api/v1/teams/{team}/actions/{action} - replace the action (If-Match: its ETag)
export const PUT = withTeam({ body: replaceActionBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateAction(getDb(), ctx, actionParam(params.action), { replace: true, input: body }, options));
});

// PATCH /api/v1/teams/{team}/actions/{action} - a JSON merge patch of the action (If-Match: its ETag)
export const PATCH = withTeam({ body: patchActionBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateAction(getDb(), ctx, actionParam(params.action), { replace: false, patch: body }, options));
});

// DELETE /api/v1/teams/{team}/actions/{action} - delete the action (409 in_use while an automation runs it)
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  await deleteAction(getDb(), ctx, actionParam(params.action), { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
