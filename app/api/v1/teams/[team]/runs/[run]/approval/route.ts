import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { decideRunApproval } from '@/lib/runs/change-run';
import { approvalBody } from '@/lib/runs/schemas';

// POST /api/v1/teams/{team}/runs/{run}/approval - approve or reject a run waiting for an approval (action:approve)
export const POST = withTeam({ body: approvalBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  return { body: await decideRunApproval(getDb(), ctx, params.run, body) };
});
