import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { appendLogSql, idRow } from './runs.sql';

// One line of a run's log (action_run_logs), from the runner or the external system. A run keeps
// at most RUN_LOG_LIMITS.maxLines lines: past that, lines are dropped (the POST answers 409).

export const RUN_LOG_LIMITS = { maxLines: 5000, maxMessageChars: 10_000 };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogLine = { level?: LogLevel; step?: number | null; source?: 'baseplate' | 'external'; message: string };

/** A message cut to the line limit (marked with an ellipsis). */
export function clipLogMessage(message: string): string {
  const max = RUN_LOG_LIMITS.maxMessageChars;
  return message.length > max ? `${message.slice(0, max - 1)}…` : message;
}

/** Appends `line`; false when the run's log is full. */
export async function appendRunLog(db: Db | Prisma.TransactionClient, teamId: string, runId: string, line: LogLine): Promise<boolean> {
  const row = {
    level: line.level ?? 'info',
    step: line.step ?? null,
    source: line.source ?? 'baseplate',
    message: clipLogMessage(line.message),
  };
  return (await runSql(db, appendLogSql(teamId, runId, row, RUN_LOG_LIMITS.maxLines), idRow)).length > 0;
}
