import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { integrationParam } from '@/lib/integrations/integration-params';
import { listIntegrationSyncs } from '@/lib/integrations/list-integration-syncs';

// GET /api/v1/teams/{team}/integrations/{integration}/syncs - the integration's syncs, newest first (cursor)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return {
    body: await listIntegrationSyncs(getDb(), ctx, integrationParam(params.integration), parsePageParams(url, { limit: 20, max: 100 })),
  };
});
