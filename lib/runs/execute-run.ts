import type { StepResult, StoredStep, WebhookStep, StoredHeader } from '@/lib/actions/action-types';
import { getDb, type Db } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { runSql } from '@/lib/db/run-sql';
import type { OutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { enqueueRun } from './ask-run';
import { appendRunLog, clipLogMessage, RUN_LOG_LIMITS, type LogLevel, type LogLine } from './append-run-log';
import { executeEntityStep } from './execute-entity-step';
import { executeWebhookStep } from './execute-webhook-step';
import { finishRun } from './finish-run';
import { loadRunScope } from './run-scope';
import { snapshotOf, stepResultsOf, type RunRecord } from './run-view';
import { claimStepSql, idRow, openRunSql, recordStepSql, runRecordRow, runStatementSql, type PendingLogLine } from './runs.sql';
import type { StepLog, StepOutcome } from './step-outcome';

// The runner of one run (the action-run job): from step_index on, each step is claimed (a lease in
// its result, taken by a conditional UPDATE: of two workers on one run, one gets it), executed,
// and recorded with step_index moved on in the same statement. A run resumed after a restart
// starts at the first step not acknowledged; a step is run again only when its worker died before
// recording it (its lease then runs out). A retry's backoff is a new job (startAfter) with the
// lease held until then, never a sleep inside the job.

export type RunnerOptions = {
  /** Tests pass their loopback allowlist; the server uses BASEPLATE_OUTBOUND_ALLOW. */
  allowlist?: OutboundAllowlist;
  /** The first retry's wait (then doubled); default 5 s. */
  retryBaseSeconds?: number;
};

const OPEN_STEP_LEASE_SECONDS = 120;

function leaseSecondsOf(step: StoredStep): number {
  if (step.type !== 'webhook') return OPEN_STEP_LEASE_SECONDS;
  return Math.ceil((step.timeout_ms ?? 10_000) / 1000) + 60;
}

function resultOf(step: StoredStep, previous: StepResult | undefined, patch: Partial<StepResult>): StepResult {
  return {
    type: step.type,
    status: previous?.status ?? 'pending',
    started_at: previous?.started_at ?? null,
    finished_at: previous?.finished_at ?? null,
    attempts: previous?.attempts ?? 0,
    ...(previous?.output !== undefined && { output: previous.output }),
    ...patch,
  };
}

/** The runner's log lines of one job, written with its next statement on the run (runStatementSql). */
class PendingLines {
  private lines: PendingLogLine[] = [];
  add(level: LogLevel, step: number | null, message: string): void {
    this.lines.push({ at: new Date().toISOString(), level, step, message: clipLogMessage(message) });
  }
  take(): PendingLogLine[] {
    return this.lines.splice(0);
  }
  /** Writes what is left on its own (a statement that did not change the run, or a step that threw). */
  async flush(db: Db, teamId: string, runId: string): Promise<void> {
    for (const line of this.take()) await appendRunLog(db, teamId, runId, line as LogLine);
  }
}

/** One statement on the run with the pending lines; true when it changed the run. */
async function changeRun(db: Db | Prisma.TransactionClient, run: RunRecord, update: Prisma.Sql, pending: PendingLines): Promise<boolean> {
  const rows = await runSql(db, runStatementSql(run, update, { lines: pending.take(), cap: RUN_LOG_LIMITS.maxLines }), idRow);
  return rows.length > 0;
}

export async function executeRun(teamId: string, runId: string, options: RunnerOptions = {}): Promise<void> {
  const db = getDb();
  const pending = new PendingLines();
  try {
    const [opened] = await runSql(db, openRunSql(teamId, runId), runRecordRow);
    if (!opened) return;
    const { started, ...first } = opened;
    if (started) pending.add('info', null, `run started (${snapshotOf(first).steps.length} step(s))`);
    // After a step is recorded the run is known without reading it again (the recording statement
    // checked it was still running at that step); a cancel meanwhile makes the next claim fail.
    let run: RunRecord | null = first;
    while (run && run.status === 'running' && !run.reportDeadline) {
      const steps = snapshotOf(run).steps;
      const index = run.stepIndex;
      if (index >= steps.length) {
        await finishRun(db, run, { status: 'succeeded', message: 'run succeeded' }, { lines: pending.take() });
        return;
      }
      const step = steps[index];
      const previous = stepResultsOf(run)[index];
      const attempt = (previous?.attempts ?? 0) + 1;
      const now = new Date().toISOString();
      const running = resultOf(step, previous, { status: 'running', started_at: previous?.started_at ?? now, attempts: attempt });
      // Another worker has this step, or its retry waits for its backoff.
      if (!(await changeRun(db, run, claimStepSql(teamId, runId, index, running, leaseSecondsOf(step)), pending))) return;
      const log: StepLog = async (level, message) => pending.add(level, index, message);
      const outcome = await executeStep(db, run, step, index, attempt, options, log);
      run = await recordOutcome(db, run, step, index, running, outcome, pending);
    }
  } finally {
    await pending.flush(db, teamId, runId);
  }
}

async function executeStep(
  db: Db,
  run: RunRecord,
  step: StoredStep,
  index: number,
  attempt: number,
  options: RunnerOptions,
  log: StepLog,
): Promise<StepOutcome> {
  if (step.type === 'approval') return { kind: 'wait_approval' };
  const scope = await loadRunScope(db, run, index);
  if (step.type === 'webhook') {
    const snapshot = snapshotOf(run);
    const ref = { teamId: run.teamId, actionId: run.actionId, action: { identifier: snapshot.identifier, title: snapshot.title } };
    const webhookOptions = { allowlist: options.allowlist, retryBaseSeconds: options.retryBaseSeconds ?? 5 };
    return executeWebhookStep(db, ref, step as WebhookStep<StoredHeader>, scope, attempt, webhookOptions, log);
  }
  // Only catalog steps act in the team (a system context needs its slug and name).
  const team = await db.team.findUniqueOrThrow({ where: { id: run.teamId }, select: { id: true, slug: true, name: true } });
  return executeEntityStep(db, team, run.id, step, scope, log);
}

/** Records an outcome; the run as it now is when the runner goes on to the next step, else null. */
async function recordOutcome(
  db: Db,
  run: RunRecord,
  step: StoredStep,
  index: number,
  running: StepResult,
  outcome: StepOutcome,
  pending: PendingLines,
): Promise<RunRecord | null> {
  const { teamId, id } = run;
  const finishedAt = new Date().toISOString();
  const output = 'output' in outcome && outcome.output !== undefined ? { output: outcome.output } : {};
  switch (outcome.kind) {
    case 'done': {
      const result = { ...running, status: 'succeeded', finished_at: finishedAt, ...output };
      if (index + 1 === snapshotOf(run).steps.length) {
        // The last step: its acknowledgement and the run's end are one statement.
        await finishRun(db, run, { status: 'succeeded', message: 'run succeeded' }, { step: { index, result }, lines: pending.take() });
        return null;
      }
      if (!(await changeRun(db, run, recordStepSql(teamId, id, index, result, { advance: true }), pending))) return null;
      const results = [...stepResultsOf(run)];
      results[index] = result as StepResult;
      return { ...run, stepIndex: index + 1, stepResults: results as unknown as RunRecord['stepResults'] };
    }
    case 'retry':
      // The lease ends a little before the delayed job starts, so that job always finds it free.
      await changeRun(
        db,
        run,
        recordStepSql(teamId, id, index, { ...running, ...output }, { advance: false, holdSeconds: outcome.delaySeconds * 0.9 }),
        pending,
      );
      await enqueueRun(run, outcome.delaySeconds);
      return null;
    case 'wait_report':
      pending.add('info', index, `waiting for the external system's report until ${outcome.deadline.toISOString()}`);
      await changeRun(
        db,
        run,
        recordStepSql(
          teamId,
          id,
          index,
          { ...running, status: 'waiting', ...output },
          { advance: false, reportDeadline: outcome.deadline },
        ),
        pending,
      );
      return null;
    case 'wait_approval':
      pending.add('info', index, 'waiting for an approval');
      await db.$transaction(async (tx) => {
        if (await changeRun(tx, run, recordStepSql(teamId, id, index, { ...running, status: 'waiting' }, { advance: false }), pending))
          await tx.actionRun.updateMany({
            where: { teamId, id, status: 'running' },
            data: { status: 'waiting_approval', updatedAt: new Date() },
          });
      });
      return null;
    case 'fail': {
      await changeRun(
        db,
        run,
        recordStepSql(teamId, id, index, { ...running, status: 'failed', finished_at: finishedAt, ...output }, { advance: false }),
        pending,
      );
      await finishRun(db, run, {
        status: 'failed',
        error: outcome.message,
        message: `run failed at step ${index + 1} (${step.type}): ${outcome.message}`,
      });
      return null;
    }
  }
}
