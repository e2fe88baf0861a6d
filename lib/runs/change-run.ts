import type { ApprovalDecision, RequestedBy, StepResult } from '@/lib/actions/action-types';
import { writeAudit } from '@/lib/audit/write-audit';
import { actingUserId } from '@/lib/auth/actor';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { appendRunLog } from './append-run-log';
import { enqueueRun } from './ask-run';
import { finishRunIn, type FinalStatus } from './finish-run';
import { lockRunOrThrow } from './load-run';
import { snapshotOf, stepResultsOf, toRunView, type RunRecord, type RunView } from './run-view';

// The transitions people and external systems make (API.md): the report (PATCH), the approval
// decision and the cancel. Each locks the run row, checks its state (409 when it does not allow
// the change), writes its audit row in the same transaction, and enqueues the runner after commit
// when the run has work again.

export type RunReport = { status?: FinalStatus; link?: string | null; summary?: string | null };
export type ApprovalInput = { decision: 'approve' | 'reject'; comment?: string | null };

const OPEN = ['queued', 'waiting_approval', 'running'];
const where = (run: RunRecord) => ({ teamId_id: { teamId: run.teamId, id: run.id } });

function finished(run: RunRecord): AppError {
  return new AppError('conflict', `run ${run.id} has finished (${run.status}) and cannot change`, { reason: 'run_finished' });
}

function requesterOf(ctx: TeamContext): RequestedBy | { type: 'system'; on_behalf: object } {
  const { actor } = ctx;
  if (actor.kind === 'user') return { type: 'user', id: actor.userId, email: actor.email, name: actor.name };
  if (actor.kind === 'api_key') return { type: 'api_key', id: actor.keyId, name: actor.keyName };
  return { type: 'system', on_behalf: actor.on_behalf };
}

/** The run's results with step `index` moved to `status` (now finished). */
function stepsWith(run: RunRecord, index: number, status: StepResult['status']): Prisma.InputJsonArray {
  const steps = stepResultsOf(run).map((s, i) =>
    i === index ? { ...s, status, finished_at: new Date().toISOString(), lease_until: null } : s,
  );
  return steps as unknown as Prisma.InputJsonArray;
}

/** Whether the run waits at an approval step (else, when waiting, for the run's own approval). */
const waitsAtStep = (run: RunRecord) =>
  snapshotOf(run).steps[run.stepIndex]?.type === 'approval' && stepResultsOf(run)[run.stepIndex]?.status === 'waiting';

/** PATCH .../runs/{run}: link, summary, and a final status from the external system (or a member). */
export async function reportRun(db: Db, ctx: TeamContext, runId: string, report: RunReport): Promise<RunView> {
  requirePermission(ctx, 'action:execute');
  let resume = false;
  const run = await db.$transaction(async (tx) => {
    const run = await lockRunOrThrow(tx, ctx, runId);
    if (!OPEN.includes(run.status)) throw finished(run);
    const fields = {
      ...(report.link !== undefined && { link: report.link }),
      ...(report.summary !== undefined && { summary: report.summary }),
    };
    if (Object.keys(fields).length) await tx.actionRun.update({ where: where(run), data: { ...fields, updatedAt: new Date() } });
    await writeAudit(tx, ctx, { action: 'run.reported', entityType: 'run', entityId: run.id, newData: report });
    const said = [
      report.status && `status ${report.status}`,
      report.link !== undefined && 'link',
      report.summary !== undefined && 'summary',
    ];
    await appendRunLog(tx, run.teamId, run.id, { source: 'external', message: `reported ${said.filter(Boolean).join(', ') || 'nothing'}` });
    const steps = snapshotOf(run).steps;
    if (report.status === 'succeeded' && run.reportDeadline && run.stepIndex + 1 < steps.length) {
      // The step that waited for this report is done; the steps after it still run.
      await tx.actionRun.update({
        where: where(run),
        data: {
          stepResults: stepsWith(run, run.stepIndex, 'succeeded'),
          stepIndex: run.stepIndex + 1,
          reportDeadline: null,
          updatedAt: new Date(),
        },
      });
      resume = true;
    } else if (report.status) {
      if (run.reportDeadline)
        await tx.actionRun.update({
          where: where(run),
          data: { stepResults: stepsWith(run, run.stepIndex, report.status === 'succeeded' ? 'succeeded' : 'failed') },
        });
      await finishRunIn(tx, run, { status: report.status, message: `run ${report.status} (reported)`, ...fields }, ctx);
    }
    return lockRunOrThrow(tx, ctx, runId);
  });
  if (resume) await enqueueRun(run);
  return toRunView(run);
}

/** POST .../runs/{run}/cancel: a queued run, or one waiting for an approval. */
export async function cancelRun(db: Db, ctx: TeamContext, runId: string): Promise<RunView> {
  requirePermission(ctx, 'action:execute');
  return toRunView(
    await db.$transaction(async (tx) => {
      const run = await lockRunOrThrow(tx, ctx, runId);
      if (run.status !== 'queued' && run.status !== 'waiting_approval') {
        throw new AppError('conflict', `run ${run.id} is ${run.status}: only a queued or waiting run can be cancelled`, {
          reason: 'run_not_cancellable',
        });
      }
      await finishRunIn(tx, run, { status: 'cancelled', message: 'run cancelled' }, ctx);
      await writeAudit(tx, ctx, { action: 'run.cancelled', entityType: 'run', entityId: run.id, oldData: { status: run.status } });
      return lockRunOrThrow(tx, ctx, runId);
    }),
  );
}

/**
 * POST .../runs/{run}/approval. Approve: the run goes on (queued again for the run's own approval,
 * or past its approval step). Reject: the run ends `cancelled` (it was declined, not attempted),
 * the decision kept in `approval`. The requester may not decide unless the action allows it.
 */
export async function decideRunApproval(db: Db, ctx: TeamContext, runId: string, input: ApprovalInput): Promise<RunView> {
  requirePermission(ctx, 'action:approve');
  const run = await db.$transaction(async (tx) => {
    const run = await lockRunOrThrow(tx, ctx, runId);
    if (run.status !== 'waiting_approval') {
      throw new AppError('conflict', `run ${run.id} is ${run.status}, not waiting for an approval`, { reason: 'not_waiting_approval' });
    }
    const me = actingUserId(ctx.actor);
    if (!snapshotOf(run).approval?.allow_self && me !== null && me === run.triggeredBy) {
      throw new AppError('forbidden', 'the requester of a run cannot decide on it', { reason: 'self_approval' });
    }
    const decision = { decision: input.decision, by: requesterOf(ctx), comment: input.comment ?? null, at: new Date().toISOString() };
    const approval = decision as unknown as Prisma.InputJsonObject;
    const atStep = waitsAtStep(run);
    if (input.decision === 'approve') {
      const data = atStep
        ? { approval, status: 'running', stepResults: stepsWith(run, run.stepIndex, 'succeeded'), stepIndex: run.stepIndex + 1 }
        : { approval, status: 'queued' };
      await tx.actionRun.update({ where: where(run), data: { ...data, updatedAt: new Date() } });
      await appendRunLog(tx, run.teamId, run.id, { message: `approved${decision.comment ? `: ${decision.comment}` : ''}` });
    } else {
      const data = atStep ? { approval, stepResults: stepsWith(run, run.stepIndex, 'cancelled') } : { approval };
      await tx.actionRun.update({ where: where(run), data });
      await finishRunIn(
        tx,
        run,
        { status: 'cancelled', error: 'rejected', message: `rejected${decision.comment ? `: ${decision.comment}` : ''}` },
        ctx,
      );
    }
    await writeAudit(tx, ctx, {
      action: input.decision === 'approve' ? 'run.approved' : 'run.rejected',
      entityType: 'run',
      entityId: run.id,
      newData: { comment: decision.comment },
    });
    return lockRunOrThrow(tx, ctx, runId);
  });
  if (run.status === 'queued' || run.status === 'running') await enqueueRun(run);
  return toRunView(run);
}

export type { ApprovalDecision };
