import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { integrationParam } from '@/lib/integrations/integration-params';
import { syncBody } from '@/lib/integrations/integration-schemas';
import { syncIntegration } from '@/lib/integrations/sync-integration';

// POST /api/v1/teams/{team}/integrations/{integration}/sync - items through the mappings, applied as the integration (delta or full; dry_run)
export const POST = withTeam({ body: syncBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  return { body: await syncIntegration(getDb(), ctx, integrationParam(params.integration), body) };
});
