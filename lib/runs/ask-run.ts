import { randomUUID } from 'node:crypto';
import type { ActionSnapshot, RequestedBy, StepResult, StoredStep, Trigger } from '@/lib/actions/action-types';
import { writeAudit } from '@/lib/audit/write-audit';
import { actingUserId } from '@/lib/auth/actor';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { prismaJson } from '@/lib/entities/prisma-json';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { enqueueJob } from '@/lib/jobs/job-queue';
import { checkEntityInputs, checkRunEntity, checkRunInputs } from './check-run-target';
import { triggerConfigOf, type ActionRow } from '@/lib/actions/action-view';
import { loadActionForRun } from '@/lib/actions/load-action';
import { RUN_SELECT, toRunView, type RunRecord, type RunView } from './run-view';
import { runTokenHash, runTokenOf } from './run-token';

// Asking for a run (POST .../actions/{action}/runs, and the automations engine): the run row is
// the recorded work (lib/jobs/README.md), written with its audit row in the caller's transaction;
// the action-run job is enqueued only after commit (the sweep finds it if that enqueue is lost).

export const RUN_JOB = 'action-run';

export type RunRequest = { entity?: string; inputs?: unknown; idempotency_key?: string };
export type AskExtra = { automation?: { id: string; identifier: string }; depth?: number };
export type AskResult = { run: RunRecord; created: boolean };

function requesterOf(ctx: TeamContext, extra: AskExtra): RequestedBy {
  const { actor } = ctx;
  if (extra.automation) return { type: 'automation', id: extra.automation.id, identifier: extra.automation.identifier };
  if (actor.kind === 'user') return { type: 'user', id: actor.userId, email: actor.email, name: actor.name };
  if (actor.kind === 'api_key') return { type: 'api_key', id: actor.keyId, name: actor.keyName };
  throw new AppError('bad_request', 'a run asked by the system names the automation that asks it');
}

/** What a run of `action` executes, fixed when it is asked (action_runs.action_snapshot). */
export function actionSnapshotOf(action: ActionRow): ActionSnapshot {
  return {
    identifier: action.identifier,
    title: action.title,
    trigger: action.triggerType as Trigger,
    blueprint: action.blueprintId ?? '',
    steps: (Array.isArray(action.steps) ? action.steps : []) as unknown as StoredStep[],
    approval: triggerConfigOf(action).approval,
  };
}

/**
 * The core of a run request, inside the caller's transaction `tx`: checks the action, entity and
 * inputs, then records the run (or finds the one with the same idempotency key). The caller
 * enqueues the job after commit (enqueueRun) when `created`.
 */
export async function askRun(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  action: ActionRow,
  input: RunRequest,
  extra: AskExtra = {},
): Promise<AskResult> {
  requirePermission(ctx, 'action:execute');
  const key = input.idempotency_key;
  if (key !== undefined) {
    const existing = await tx.actionRun.findFirst({
      where: { teamId: ctx.team.id, actionId: action.id, idempotencyKey: key },
      select: RUN_SELECT,
    });
    if (existing) return { run: existing, created: false };
  }
  if (!action.enabled) throw new AppError('conflict', `action "${action.identifier}" is disabled`, { reason: 'action_disabled' });
  const inputs = input.inputs ?? {};
  checkRunInputs(ctx.team.id, action, inputs);
  await checkEntityInputs(tx, ctx.team.id, action, inputs);
  const entity = await checkRunEntity(tx, ctx, action, input.entity);
  const snapshot = actionSnapshotOf(action);
  const id = randomUUID();
  const steps: StepResult[] = snapshot.steps.map((s) => ({
    type: s.type,
    status: 'pending',
    started_at: null,
    finished_at: null,
    attempts: 0,
  }));
  const row: Prisma.ActionRunCreateManyInput = {
    teamId: ctx.team.id,
    id,
    actionId: action.id,
    entityId: entity?.id ?? null,
    blueprintId: action.blueprintId,
    entityIdentifier: entity?.identifier ?? null,
    status: snapshot.approval?.required ? 'waiting_approval' : 'queued',
    inputs: prismaJson(inputs),
    stepResults: steps as unknown as Prisma.InputJsonArray,
    actionSnapshot: snapshot as unknown as Prisma.InputJsonObject,
    requestedBy: requesterOf(ctx, extra) as unknown as Prisma.InputJsonObject,
    triggeredBy: actingUserId(ctx.actor),
    tokenHash: runTokenHash(runTokenOf(id)),
    automationId: extra.automation?.id ?? null,
    depth: extra.depth ?? 0,
    idempotencyKey: key ?? null,
  };
  // ON CONFLICT DO NOTHING: a concurrent request with the same key waits for this one's commit,
  // then finds its run (below) instead of failing on the unique index.
  const { count } = await tx.actionRun.createMany({ data: [row], skipDuplicates: true });
  if (count === 0) {
    const existing = await tx.actionRun.findFirst({
      where: { teamId: ctx.team.id, actionId: action.id, idempotencyKey: key },
      select: RUN_SELECT,
    });
    if (existing) return { run: existing, created: false };
    throw new AppError('conflict', 'the run could not be recorded; try again');
  }
  await writeAudit(tx, ctx, {
    action: 'run.requested',
    entityType: 'run',
    entityId: id,
    newData: { action: action.identifier, entity: entity?.identifier ?? null, status: row.status, automation: extra.automation ?? null },
  });
  const run = await tx.actionRun.findUniqueOrThrow({ where: { teamId_id: { teamId: ctx.team.id, id } }, select: RUN_SELECT });
  return { run, created: true };
}

/** After commit: hands a queued run to the job queue (false: the sweep will). */
export function enqueueRun(run: { teamId: string; id: string }, startAfterSeconds?: number): Promise<boolean> {
  return enqueueJob(RUN_JOB, { teamId: run.teamId, runId: run.id }, { singletonKey: run.id, startAfterSeconds });
}

/** POST .../actions/{action}/runs: records the run and starts it; `created` false for a repeated idempotency key. */
export async function requestRun(
  db: Db,
  ctx: TeamContext,
  actionIdentifier: string,
  input: RunRequest,
): Promise<{ run: RunView; created: boolean }> {
  requirePermission(ctx, 'action:execute');
  const result = await db.$transaction(async (tx) => askRun(tx, ctx, await loadActionForRun(tx, ctx.team.id, actionIdentifier), input));
  if (result.created && result.run.status === 'queued') await enqueueRun(result.run);
  return { run: toRunView(result.run), created: result.created };
}
