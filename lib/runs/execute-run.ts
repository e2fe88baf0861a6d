import type { StepResult, StoredStep, WebhookStep, StoredHeader } from '@/lib/actions/action-types';
import { getDb, type Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import type { OutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { enqueueRun } from './ask-run';
import { appendRunLog } from './append-run-log';
import { executeEntityStep } from './execute-entity-step';
import { executeWebhookStep } from './execute-webhook-step';
import { finishRun } from './finish-run';
import { loadRunScope } from './run-scope';
import { RUN_SELECT, snapshotOf, stepResultsOf, type RunRecord } from './run-view';
import { claimStepSql, idRow, recordStepSql } from './runs.sql';
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

const loadRun = (db: Db, teamId: string, runId: string) =>
  db.actionRun.findUnique({ where: { teamId_id: { teamId, id: runId } }, select: RUN_SELECT });

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

/** Starts a queued run (queued -> running); a no-op for a run in any other state. */
async function startRun(db: Db, run: RunRecord): Promise<void> {
  const { count } = await db.actionRun.updateMany({
    where: { teamId: run.teamId, id: run.id, status: 'queued' },
    data: { status: 'running', startedAt: run.startedAt ?? new Date(), updatedAt: new Date() },
  });
  if (count) await appendRunLog(db, run.teamId, run.id, { message: `run started (${snapshotOf(run).steps.length} step(s))` });
}

export async function executeRun(teamId: string, runId: string, options: RunnerOptions = {}): Promise<void> {
  const db = getDb();
  const first = await loadRun(db, teamId, runId);
  if (!first) return;
  if (first.status === 'queued') await startRun(db, first);
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, slug: true, name: true } });
  for (;;) {
    const run = await loadRun(db, teamId, runId);
    if (!run || run.status !== 'running' || run.reportDeadline) return;
    const steps = snapshotOf(run).steps;
    const index = run.stepIndex;
    if (index >= steps.length) {
      await finishRun(db, run, { status: 'succeeded', message: 'run succeeded' });
      return;
    }
    const step = steps[index];
    const previous = stepResultsOf(run)[index];
    const attempt = (previous?.attempts ?? 0) + 1;
    const now = new Date().toISOString();
    const running = resultOf(step, previous, { status: 'running', started_at: previous?.started_at ?? now, attempts: attempt });
    const claimed = await runSql(db, claimStepSql(teamId, runId, index, running, leaseSecondsOf(step)), idRow);
    if (claimed.length === 0) return; // another worker has this step, or its retry waits for its backoff
    const log: StepLog = async (level, message) => {
      await appendRunLog(db, teamId, runId, { level, step: index, message });
    };
    const outcome = await executeStep(db, team, run, step, index, attempt, options, log);
    if (!(await recordOutcome(db, run, step, index, running, outcome))) return;
  }
}

async function executeStep(
  db: Db,
  team: { id: string; slug: string; name: string },
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
  return executeEntityStep(db, team, run.id, step, scope, log);
}

/** Records an outcome; true when the runner goes on to the next step. */
async function recordOutcome(
  db: Db,
  run: RunRecord,
  step: StoredStep,
  index: number,
  running: StepResult,
  outcome: StepOutcome,
): Promise<boolean> {
  const { teamId, id } = run;
  const finishedAt = new Date().toISOString();
  const output = 'output' in outcome && outcome.output !== undefined ? { output: outcome.output } : {};
  switch (outcome.kind) {
    case 'done': {
      const rows = await runSql(
        db,
        recordStepSql(teamId, id, index, { ...running, status: 'succeeded', finished_at: finishedAt, ...output }, { advance: true }),
        idRow,
      );
      return rows.length > 0;
    }
    case 'retry':
      // The lease ends a little before the delayed job starts, so that job always finds it free.
      await runSql(
        db,
        recordStepSql(teamId, id, index, { ...running, ...output }, { advance: false, holdSeconds: outcome.delaySeconds * 0.9 }),
        idRow,
      );
      await enqueueRun(run, outcome.delaySeconds);
      return false;
    case 'wait_report':
      await runSql(
        db,
        recordStepSql(
          teamId,
          id,
          index,
          { ...running, status: 'waiting', ...output },
          { advance: false, reportDeadline: outcome.deadline },
        ),
        idRow,
      );
      await appendRunLog(db, teamId, id, {
        step: index,
        message: `waiting for the external system's report until ${outcome.deadline.toISOString()}`,
      });
      return false;
    case 'wait_approval':
      await db.$transaction(async (tx) => {
        const rows = await runSql(tx, recordStepSql(teamId, id, index, { ...running, status: 'waiting' }, { advance: false }), idRow);
        if (rows.length)
          await tx.actionRun.updateMany({
            where: { teamId, id, status: 'running' },
            data: { status: 'waiting_approval', updatedAt: new Date() },
          });
      });
      await appendRunLog(db, teamId, id, { step: index, message: 'waiting for an approval' });
      return false;
    case 'fail': {
      await runSql(
        db,
        recordStepSql(teamId, id, index, { ...running, status: 'failed', finished_at: finishedAt, ...output }, { advance: false }),
        idRow,
      );
      await finishRun(db, run, {
        status: 'failed',
        error: outcome.message,
        message: `run failed at step ${index + 1} (${step.type}): ${outcome.message}`,
      });
      return false;
    }
  }
}
