import { automationParam } from '@/lib/actions/action-params';
import { patchAutomationBody, replaceAutomationBody } from '@/lib/automations/automation-schemas';
import { deleteAutomation, getAutomation, updateAutomation, type AutomationWithVersion } from '@/lib/automations/automation-service';
import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

const withEtag = ({ automation, version }: AutomationWithVersion) => ({ body: automation, headers: { etag: versionEtag(version) } });

// GET /api/v1/teams/{team}/automations/{automation} - one automation (and its ETag)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return withEtag(await getAutomation(getDb(), ctx, automationParam(params.automation)));
});

// PUT /api/v1/teams/{team}/automations/{automation} - replace the automation (If-Match: its ETag)
export const PUT = withTeam({ body: replaceAutomationBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateAutomation(getDb(), ctx, automationParam(params.automation), { replace: true, input: body }, options));
});

// PATCH /api/v1/teams/{team}/automations/{automation} - a JSON merge patch of the automation (If-Match: its ETag)
export const PATCH = withTeam({ body: patchAutomationBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateAutomation(getDb(), ctx, automationParam(params.automation), { replace: false, patch: body }, options));
});

// DELETE /api/v1/teams/{team}/automations/{automation} - delete the automation
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  await deleteAutomation(getDb(), ctx, automationParam(params.automation), { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
