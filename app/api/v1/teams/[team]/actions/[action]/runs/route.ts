import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { requestRun } from '@/lib/runs/ask-run';
import { runRequestBody } from '@/lib/runs/schemas';

// POST /api/v1/teams/{team}/actions/{action}/runs - ask for a run: 202 with it (200 with the run of a repeated idempotency_key)
export const POST = withTeam({ body: runRequestBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const { run, created } = await requestRun(getDb(), ctx, params.action, body);
  return { status: created ? 202 : 200, body: run, headers: { location: `/api/v1/teams/${ctx.team.slug}/runs/${run.id}` } };
});
