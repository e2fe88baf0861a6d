import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { withTeamOrRunToken } from '@/lib/http/run-token-route';
import { listRunLogs, parseLogCursor, postRunLog } from '@/lib/runs/run-logs';
import { runLogBody } from '@/lib/runs/schemas';
import { streamRunLog } from '@/lib/runs/stream-run-log';

// GET /api/v1/teams/{team}/runs/{run}/logs - the log as a cursor list, or live (Accept: text/event-stream)
export const GET = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  const page = parsePageParams(url, { limit: 500, max: 1000 });
  const after = parseLogCursor(request.headers.get('last-event-id') ?? page.cursor);
  if (!request.headers.get('accept')?.includes('text/event-stream')) {
    return { body: await listRunLogs(getDb(), ctx, params.run, { after, limit: page.limit }) };
  }
  const stream = await streamRunLog(getDb(), ctx, params.run, after, request.signal);
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  });
});

// POST /api/v1/teams/{team}/runs/{run}/logs - a log line from the external system (run token or action:execute)
export const POST = withTeamOrRunToken({ body: runLogBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  await postRunLog(getDb(), ctx, params.run, body);
  return { status: 204, body: null };
});
