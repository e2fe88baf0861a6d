import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { cancelRun } from '@/lib/runs/change-run';

// POST /api/v1/teams/{team}/runs/{run}/cancel - cancel a queued run or one waiting for an approval
export const POST = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return { body: await cancelRun(getDb(), ctx, params.run) };
});
