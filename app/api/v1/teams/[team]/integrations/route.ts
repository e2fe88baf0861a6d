import { getDb } from '@/lib/db/prisma';
import { versionEtag } from '@/lib/http/etag';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { createIntegrationBody } from '@/lib/integrations/integration-schemas';
import { createIntegration, listIntegrations } from '@/lib/integrations/integration-service';

// GET /api/v1/teams/{team}/integrations - the team's integrations, oldest first (cursor)
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listIntegrations(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/integrations - define an integration; the answer carries its secret, once
export const POST = withTeam({ body: createIntegrationBody }, async (ctx, { url, body }) => {
  allowOnlyParams(url, []);
  const { integration, version, secret } = await createIntegration(getDb(), ctx, body);
  return { status: 201, body: { ...integration, secret }, headers: { etag: versionEtag(version) } };
});
