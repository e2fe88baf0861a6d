import type { RunStatus } from '@/lib/actions/action-types';
import { auditActorOf } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { eventActorOf } from '@/lib/events/catalog-events.sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { clipLogMessage, RUN_LOG_LIMITS } from './append-run-log';
import { finishRunSql, idRow, runStatementSql, type PendingLogLine } from './runs.sql';
import { snapshotOf, type RunRecord } from './run-view';

// Ending a run: its final status, finished_at, its token no longer valid (token_hash cleared), the
// run.finished event for automations (the outbox, lib/events) and the closing log line, in ONE
// statement (atomic on its own, and inside a caller's transaction). Only an open run ends, once:
// the conditional UPDATE makes a second finisher (a PATCH racing the runner, a sweep) a no-op.

export type FinalStatus = Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>;
export type Finish = { status: FinalStatus; error?: string | null; summary?: string | null; link?: string | null; message: string };
/** The runner's own end: the last step's result recorded in the same statement, and its pending log lines. */
export type RunnerFinish = { step?: { index: number; result: object }; lines?: PendingLogLine[] };

function finishStatement(run: RunRecord, finish: Finish, ctx: TeamContext | null, runner: RunnerFinish = {}): Prisma.Sql {
  const actor = ctx
    ? { ...eventActorOf(auditActorOf(ctx)), requestId: ctx.requestId }
    : { type: 'run', id: run.id, requestId: `run:${run.id}` };
  const snapshot = snapshotOf(run);
  const ref = {
    teamId: run.teamId,
    id: run.id,
    blueprintId: snapshot.blueprint,
    entityId: run.entityId,
    identifier: run.entityIdentifier,
    action: snapshot.identifier,
  };
  const { update, event } = finishRunSql(ref, finish, actor, runner.step);
  const closing: PendingLogLine = {
    at: new Date().toISOString(),
    level: finish.status === 'succeeded' ? 'info' : 'error',
    step: null,
    message: clipLogMessage(finish.message),
  };
  return runStatementSql(run, update, { also: [event], lines: [...(runner.lines ?? []), closing], cap: RUN_LOG_LIMITS.maxLines });
}

/** Ends `run` inside `tx`; false when it had already ended. `ctx`: who ended it (null: the runner). */
export async function finishRunIn(tx: Prisma.TransactionClient, run: RunRecord, finish: Finish, ctx: TeamContext | null): Promise<boolean> {
  return (await runSql(tx, finishStatement(run, finish, ctx), idRow)).length > 0;
}

/** The same as one statement of its own (the runner, the sweep); false when it had already ended. */
export async function finishRun(db: Db, run: RunRecord, finish: Finish, runner: RunnerFinish = {}): Promise<boolean> {
  return (await runSql(db, finishStatement(run, finish, null, runner), idRow)).length > 0;
}
