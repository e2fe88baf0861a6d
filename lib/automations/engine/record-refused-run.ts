import type { StepResult } from '@/lib/actions/action-types';
import { writeAudit } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import { prismaJson } from '@/lib/entities/prisma-json';
import type { Prisma } from '@/lib/generated/prisma/client';
import { appendRunLog } from '@/lib/runs/append-run-log';
import { actionSnapshotOf } from '@/lib/runs/ask-run';
import type { ActionRow } from '@/lib/actions/action-view';

// A run an automation could not start (its inputs failed the form, its entity had gone, the chain
// was too deep): recorded as failed from the start, its one log line saying why, so it shows with
// the automation's other runs. It writes no run.finished event: a refusal starts nothing else.

export async function recordRefusedRun(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  action: ActionRow,
  refusal: { automation: { id: string; identifier: string }; depth: number; entity: string | null; reason: string },
): Promise<void> {
  const snapshot = actionSnapshotOf(action);
  const steps: StepResult[] = snapshot.steps.map((s) => ({ type: s.type, status: 'skipped', started_at: null, finished_at: null }));
  const entity = refusal.entity
    ? await tx.entity.findUnique({
        where: { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId: snapshot.blueprint, identifier: refusal.entity } },
        select: { id: true },
      })
    : null;
  const now = new Date();
  const run = await tx.actionRun.create({
    data: {
      teamId: ctx.team.id,
      actionId: action.id,
      entityId: entity?.id ?? null,
      blueprintId: snapshot.blueprint,
      entityIdentifier: refusal.entity,
      status: 'failed',
      inputs: prismaJson({}),
      stepResults: steps as unknown as Prisma.InputJsonArray,
      actionSnapshot: snapshot as unknown as Prisma.InputJsonObject,
      requestedBy: { type: 'automation', id: refusal.automation.id, identifier: refusal.automation.identifier },
      automationId: refusal.automation.id,
      depth: refusal.depth,
      error: refusal.reason,
      finishedAt: now,
    },
    select: { id: true },
  });
  await appendRunLog(tx, ctx.team.id, run.id, { level: 'error', message: refusal.reason });
  await writeAudit(tx, ctx, {
    action: 'run.refused',
    entityType: 'run',
    entityId: run.id,
    newData: { action: action.identifier, entity: refusal.entity, reason: refusal.reason },
  });
}
