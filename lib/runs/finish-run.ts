import type { RunStatus } from '@/lib/actions/action-types';
import { auditActorOf } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { eventActorOf } from '@/lib/events/catalog-events.sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { appendRunLog } from './append-run-log';
import { runFinishedEventSql } from './runs.sql';
import { snapshotOf, type RunRecord } from './run-view';

// Ending a run: its final status, finished_at, its token no longer valid (token_hash cleared) and
// the run.finished event for automations (the outbox, lib/events), all in one transaction. Only
// an open run ends, once: the conditional UPDATE makes a second finisher (a PATCH racing the
// runner, a sweep) a no-op.

export type FinalStatus = Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>;
export type Finish = { status: FinalStatus; error?: string | null; summary?: string | null; link?: string | null; message: string };

/** Ends `run` inside `tx`; false when it had already ended. `ctx`: who ended it (null: the runner). */
export async function finishRunIn(tx: Prisma.TransactionClient, run: RunRecord, finish: Finish, ctx: TeamContext | null): Promise<boolean> {
  const { count } = await tx.actionRun.updateMany({
    where: { teamId: run.teamId, id: run.id, status: { in: ['queued', 'waiting_approval', 'running'] } },
    data: {
      status: finish.status,
      finishedAt: new Date(),
      tokenHash: null,
      reportDeadline: null,
      updatedAt: new Date(),
      ...(finish.error !== undefined && { error: finish.error }),
      ...(finish.summary !== undefined && { summary: finish.summary }),
      ...(finish.link !== undefined && { link: finish.link }),
    },
  });
  if (count === 0) return false;
  const actor = ctx
    ? { ...eventActorOf(auditActorOf(ctx)), requestId: ctx.requestId }
    : { type: 'run', id: run.id, requestId: `run:${run.id}` };
  const snapshot = snapshotOf(run);
  const ref = {
    id: run.id,
    blueprintId: snapshot.blueprint,
    entityId: run.entityId,
    identifier: run.entityIdentifier,
    action: snapshot.identifier,
    status: finish.status,
  };
  await execSql(tx, runFinishedEventSql(run.teamId, ref, actor));
  await appendRunLog(tx, run.teamId, run.id, { level: finish.status === 'succeeded' ? 'info' : 'error', message: finish.message });
  return true;
}

/** The same in a transaction of its own (the runner). */
export function finishRun(db: Db, run: RunRecord, finish: Finish): Promise<boolean> {
  return db.$transaction((tx) => finishRunIn(tx, run, finish, null));
}
