import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { withTeamOrRunToken } from '@/lib/http/run-token-route';
import { reportRun } from '@/lib/runs/change-run';
import { getRun } from '@/lib/runs/get-runs';
import { runReportBody } from '@/lib/runs/schemas';

// GET /api/v1/teams/{team}/runs/{run} - one run with its steps
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return { body: await getRun(getDb(), ctx, params.run) };
});

// PATCH /api/v1/teams/{team}/runs/{run} - the external system's report: status (final), link, summary (run token or action:execute)
export const PATCH = withTeamOrRunToken({ body: runReportBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  return { body: await reportRun(getDb(), ctx, params.run, body) };
});
