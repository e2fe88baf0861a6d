import { FINAL_RUN_STATUSES, type RunStatus } from '@/lib/actions/action-types';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { appendRunLog, RUN_LOG_LIMITS, type LogLevel } from './append-run-log';
import { findRunOrThrow } from './load-run';
import { logRow, logsAfterSql } from './runs.sql';

// A run's log (GET, POST .../runs/{run}/logs): a cursor list (the cursor is the last line's id,
// lines only ever append) and the external system's lines. The live stream is stream-run-log.ts.

export type LogView = { id: number; at: string; level: string; step: number | null; source: string; message: string };
export type LogInput = { message: string; level?: LogLevel };

export const toLogView = (row: { id: number; at: Date; level: string; step: number | null; source: string; message: string }): LogView => ({
  ...row,
  at: row.at.toISOString(),
});

/** A cursor of the log: the id after which to read (opaque to clients, a number here). */
export function parseLogCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw new AppError('bad_request', 'cursor is not valid (pass back the next_cursor of the previous page)');
  return Number(cursor);
}

/** GET .../runs/{run}/logs: lines in order, after the cursor. */
export async function listRunLogs(
  db: Db,
  ctx: TeamContext,
  runId: string,
  page: { after: number; limit: number },
): Promise<{ logs: LogView[]; next_cursor: string | null; status: RunStatus }> {
  requirePermission(ctx, 'action:read');
  const run = await findRunOrThrow(db, ctx, runId);
  const rows = await runSql(db, logsAfterSql(ctx.team.id, run.id, page.after, page.limit + 1), logRow);
  const lines = rows.slice(0, page.limit).map(toLogView);
  const more = rows.length > page.limit;
  return { logs: lines, next_cursor: more ? String(lines.at(-1)!.id) : null, status: run.status as RunStatus };
}

/** POST .../runs/{run}/logs: a line from the external system (a run token or action:execute). */
export async function postRunLog(db: Db, ctx: TeamContext, runId: string, input: LogInput): Promise<void> {
  requirePermission(ctx, 'action:execute');
  const run = await findRunOrThrow(db, ctx, runId);
  if ((FINAL_RUN_STATUSES as readonly string[]).includes(run.status)) {
    throw new AppError('conflict', `run ${run.id} has finished (${run.status}): its log is closed`, { reason: 'run_finished' });
  }
  if (!(await appendRunLog(db, ctx.team.id, run.id, { level: input.level ?? 'info', source: 'external', message: input.message }))) {
    throw new AppError('conflict', `the run's log is full (${RUN_LOG_LIMITS.maxLines} lines)`, {
      reason: 'log_full',
      limit: RUN_LOG_LIMITS.maxLines,
    });
  }
}
