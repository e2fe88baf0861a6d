import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { integrationParam } from '@/lib/integrations/integration-params';
import { patchIntegrationBody, replaceIntegrationBody } from '@/lib/integrations/integration-schemas';
import { deleteIntegration, getIntegration, updateIntegration, type IntegrationWithVersion } from '@/lib/integrations/integration-service';

const withEtag = ({ integration, version }: IntegrationWithVersion) => ({ body: integration, headers: { etag: versionEtag(version) } });

// GET /api/v1/teams/{team}/integrations/{integration} - one integration (and its ETag); never its secret
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return withEtag(await getIntegration(getDb(), ctx, integrationParam(params.integration)));
});

// PUT /api/v1/teams/{team}/integrations/{integration} - replace the integration (If-Match: its ETag)
export const PUT = withTeam({ body: replaceIntegrationBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateIntegration(getDb(), ctx, integrationParam(params.integration), { replace: true, input: body }, options));
});

// PATCH /api/v1/teams/{team}/integrations/{integration} - a JSON merge patch of the integration (If-Match: its ETag)
export const PATCH = withTeam({ body: patchIntegrationBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateIntegration(getDb(), ctx, integrationParam(params.integration), { replace: false, patch: body }, options));
});

// DELETE /api/v1/teams/{team}/integrations/{integration} - delete the integration and its syncs (its entities stay)
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  await deleteIntegration(getDb(), ctx, integrationParam(params.integration), { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
