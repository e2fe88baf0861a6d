import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams, flagParam } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { integrationParam } from '@/lib/integrations/integration-params';
import { pullIntegration } from '@/lib/integrations/pull-integration';

// POST /api/v1/teams/{team}/integrations/{integration}/pull - an http-pull integration fetches its URL now and syncs what came (dry_run, force)
export const POST = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['dry_run', 'force']);
  const options = { dryRun: flagParam(url, 'dry_run'), force: flagParam(url, 'force') };
  return { body: await pullIntegration(getDb(), ctx, integrationParam(params.integration), options) };
});
