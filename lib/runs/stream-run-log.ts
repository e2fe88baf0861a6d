import { FINAL_RUN_STATUSES } from '@/lib/actions/action-types';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { findRunOrThrow } from './load-run';
import { toLogView } from './run-logs';
import { logRow, logsAfterSql } from './runs.sql';

// The live log (GET .../runs/{run}/logs with Accept: text/event-stream): the lines already there,
// then new ones as they come (`event: log`, `id:` the line's id, so a client that reconnects with
// Last-Event-ID misses nothing), `event: status` on every status change, and `event: end` when the
// run has ended and its last lines are sent. The table is polled (every STREAM_LIMITS.pollMs, one
// primary-key range read and one row read), which needs nothing from the database beyond a
// connection per poll and works across instances (a LISTEN would hold a connection per stream).
// Bounded: a stream lasts at most maxSeconds (the client reconnects), and a process serves at most
// maxStreams at once (503 past that).

export const STREAM_LIMITS = { pollMs: 500, maxSeconds: 600, maxStreams: 100, batch: 500, keepAliveMs: 15_000 };

const holder = globalThis as unknown as { baseplateRunStreams?: number };

const frame = (event: string, data: unknown, id?: number) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** The stream of a run's log after line `after` (Last-Event-ID). */
export async function streamRunLog(
  db: Db,
  ctx: TeamContext,
  runId: string,
  after: number,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  requirePermission(ctx, 'action:read');
  const run = await findRunOrThrow(db, ctx, runId);
  if ((holder.baseplateRunStreams ?? 0) >= STREAM_LIMITS.maxStreams) {
    throw new AppError(
      'service_unavailable',
      'too many live logs are open; retry shortly',
      { reason: 'too_many_streams' },
      { 'retry-after': '5' },
    );
  }
  holder.baseplateRunStreams = (holder.baseplateRunStreams ?? 0) + 1;
  const encoder = new TextEncoder();
  const deadline = Date.now() + STREAM_LIMITS.maxSeconds * 1000;
  let closed = false;
  let last = after;
  let status: string | null = null;
  let lastWrite = Date.now();
  const release = () => {
    if (closed) return;
    closed = true;
    holder.baseplateRunStreams = Math.max(0, (holder.baseplateRunStreams ?? 1) - 1);
  };
  signal.addEventListener('abort', release);
  const poll = async (): Promise<{ out: string; ended: boolean }> => {
    const rows = await runSql(db, logsAfterSql(ctx.team.id, run.id, last, STREAM_LIMITS.batch), logRow);
    const current = await db.actionRun.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id: run.id } }, select: { status: true } });
    let out = '';
    for (const row of rows) out += frame('log', toLogView(row), (last = row.id));
    if (current && current.status !== status) out += frame('status', { status: (status = current.status) });
    const ended = !current || ((FINAL_RUN_STATUSES as readonly string[]).includes(current.status) && rows.length < STREAM_LIMITS.batch);
    if (ended) out += frame('end', { status: current?.status ?? null });
    return { out, ended };
  };
  return new ReadableStream<Uint8Array>({
    // Each pull answers something (a stream whose pull enqueues nothing is not pulled again): it
    // polls until there are lines, a status change or the end, or sends a keep-alive comment now
    // and then, which keeps proxies from closing an idle stream.
    async pull(controller) {
      try {
        for (let first = status === null; ; first = false) {
          if (closed) return controller.close();
          if (!first) await new Promise((resolve) => setTimeout(resolve, STREAM_LIMITS.pollMs));
          const { out, ended } = await poll();
          const idle = !out && Date.now() - lastWrite >= STREAM_LIMITS.keepAliveMs;
          if (out || idle) {
            controller.enqueue(encoder.encode(out || ': keep-alive\n\n'));
            lastWrite = Date.now();
          }
          if (ended || Date.now() > deadline) {
            release();
            return controller.close();
          }
          if (out || idle) return;
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel: release,
  });
}
