import { randomUUID } from 'node:crypto';
import { actingUserId } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { lockTeamQuotaSql, quotaLockRow } from '@/lib/db/lock-team-quota.sql';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { applyMergePatch, type Json } from '@/lib/entities/merge-patch';
import { prismaJson } from '@/lib/entities/prisma-json';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { validateBody } from '@/lib/http/request-body';
import { ACTION_LIMITS } from './action-limits';
import { replaceActionBody, type ActionInput, type ReplaceActionInput } from './action-schemas';
import { FINAL_RUN_STATUSES, RUN_STATUSES, type StoredStep, type Trigger } from './action-types';
import { bodyOf, toActionView, type ActionRow, type ActionView } from './action-view';
import { checkAction, type CheckedAction } from './check-action';
import { findActionOrThrow, lockActionOrThrow, newSigningSecret, sealSigningSecret } from './load-action';
import { sealSteps } from './seal-action-headers';

// Actions (API.md "Actions and runs"): action:read to read, action:write for the rest. Each write
// is one transaction with its audit row (the view: secrets masked, never in clear) and bumps
// version (the ETag). The signing secret is made on create and answered once; rotate-secret makes
// a new one. Deleting an action that an automation runs is a 409 `in_use` naming them.

const OPEN_RUN_STATUSES = RUN_STATUSES.filter((s) => !FINAL_RUN_STATUSES.includes(s));

export type ActionWithVersion = { action: ActionView; version: number };
export type ListActionsFilter = { blueprint?: string; trigger?: Trigger };

const withVersion = (row: ActionRow): ActionWithVersion => ({ action: toActionView(row), version: row.version });
const auditData = (view: ActionView) => bodyOf(view);

function rowData(input: ActionInput | ReplaceActionInput, checked: CheckedAction, steps: StoredStep[]) {
  return {
    title: input.title,
    description: input.description ?? null,
    icon: input.icon ?? null,
    blueprintId: input.blueprint,
    triggerType: input.trigger,
    triggerConfig: prismaJson(checked.triggerConfig),
    userInputs: prismaJson(input.user_inputs),
    steps: prismaJson(steps),
    enabled: input.enabled ?? true,
  };
}

async function checkRoom(tx: Prisma.TransactionClient, ctx: TeamContext, blueprintId: string, exceptId: string | null) {
  await runSql(tx, lockTeamQuotaSql(ctx.team.id, 'actions'), quotaLockRow);
  const not = exceptId ? { NOT: { id: exceptId } } : {};
  if ((await tx.action.count({ where: { teamId: ctx.team.id, ...not } })) >= ACTION_LIMITS.maxPerTeam) {
    throw new AppError('conflict', `the team has ${ACTION_LIMITS.maxPerTeam} actions already: delete one first`, {
      reason: 'limit_reached',
      limit: 'maxPerTeam',
    });
  }
  if ((await tx.action.count({ where: { teamId: ctx.team.id, blueprintId, ...not } })) >= ACTION_LIMITS.maxPerBlueprint) {
    throw new AppError('conflict', `blueprint "${blueprintId}" has ${ACTION_LIMITS.maxPerBlueprint} actions already: delete one first`, {
      reason: 'limit_reached',
      limit: 'maxPerBlueprint',
    });
  }
}

export async function listActions(
  db: Db,
  ctx: TeamContext,
  filter: ListActionsFilter,
  page: PageParams,
): Promise<{ actions: ActionView[]; next_cursor: string | null }> {
  requirePermission(ctx, 'action:read');
  // At most maxPerTeam rows per team: the (team_id, identifier) key narrows, a small sort orders.
  const rows = await db.action.findMany({
    where: {
      teamId: ctx.team.id,
      ...(filter.blueprint ? { blueprintId: filter.blueprint } : {}),
      ...(filter.trigger ? { triggerType: filter.trigger } : {}),
      ...afterCursor(page.cursor, 'asc'),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { actions: items.map(toActionView), next_cursor: nextCursor };
}

export async function getAction(db: Db, ctx: TeamContext, identifier: string): Promise<ActionWithVersion> {
  requirePermission(ctx, 'action:read');
  return withVersion(await findActionOrThrow(db, ctx, identifier));
}

/** Creates the action; the answer carries its signing secret, this once. */
export async function createAction(db: Db, ctx: TeamContext, input: ActionInput): Promise<ActionWithVersion & { signingSecret: string }> {
  requirePermission(ctx, 'action:write');
  const checked = await checkAction(db, ctx.team.id, input);
  const id = randomUUID();
  const secret = newSigningSecret();
  const steps = sealSteps(input.steps, id, null);
  const row = await db.$transaction(async (tx) => {
    if (
      await tx.action.findUnique({
        where: { teamId_identifier: { teamId: ctx.team.id, identifier: input.identifier } },
        select: { id: true },
      })
    ) {
      throw new AppError('conflict', `the team already has an action "${input.identifier}": choose another identifier`, {
        reason: 'already_exists',
      });
    }
    await checkRoom(tx, ctx, input.blueprint, null);
    const created = await tx.action.create({
      data: {
        teamId: ctx.team.id,
        id,
        identifier: input.identifier,
        signingSecret: sealSigningSecret(id, secret),
        createdBy: actingUserId(ctx.actor),
        ...rowData(input, checked, steps),
      },
    });
    await writeAudit(tx, ctx, {
      action: 'action.created',
      entityType: 'action',
      entityId: created.id,
      verbatim: true,
      newData: auditData(toActionView(created)),
    });
    return created;
  });
  return { ...withVersion(row), signingSecret: secret };
}

export type UpdateActionMode = { replace: true; input: ReplaceActionInput } | { replace: false; patch: Record<string, unknown> };

/** PUT replaces the whole action; PATCH merges (RFC 7396) into its body form, then is checked as a PUT. */
export async function updateAction(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  mode: UpdateActionMode,
  options: WriteOptions = {},
): Promise<ActionWithVersion> {
  requirePermission(ctx, 'action:write');
  const merge = (before: ActionRow) =>
    mode.replace ? mode.input : validateBody(replaceActionBody, applyMergePatch(bodyOf(toActionView(before)) as Json, mode.patch as Json));
  const current = await findActionOrThrow(db, ctx, identifier);
  const checked = await checkAction(db, ctx.team.id, merge(current));
  const row = await db.$transaction(async (tx) => {
    const before = await lockActionOrThrow(tx, ctx, identifier, options.ifMatch);
    const input = merge(before);
    // Changed since it was read (no If-Match given): the merged body is checked again.
    const final = mode.replace || before.version === current.version ? checked : await checkAction(tx, ctx.team.id, input);
    if (input.identifier !== undefined && input.identifier !== identifier) {
      throw new AppError('validation_failed', 'an action cannot be renamed', [
        { path: '/identifier', message: `must be "${identifier}" (the action of the URL); the title can change` },
      ]);
    }
    if (input.blueprint !== before.blueprintId) await checkRoom(tx, ctx, input.blueprint, before.id);
    const steps = sealSteps(input.steps, before.id, before.steps as StoredStep[]);
    const after = await tx.action.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.id } },
      data: { ...rowData(input, final, steps), version: { increment: 1 }, updatedAt: new Date() },
    });
    await writeAudit(tx, ctx, {
      action: 'action.updated',
      entityType: 'action',
      entityId: after.id,
      verbatim: true,
      oldData: auditData(toActionView(before)),
      newData: auditData(toActionView(after)),
    });
    return after;
  });
  return withVersion(row);
}

export async function deleteAction(db: Db, ctx: TeamContext, identifier: string, options: WriteOptions = {}): Promise<void> {
  requirePermission(ctx, 'action:write');
  await db.$transaction(async (tx) => {
    const before = await lockActionOrThrow(tx, ctx, identifier, options.ifMatch);
    const users = await tx.automation.findMany({
      where: { teamId: ctx.team.id, actionId: before.id },
      select: { identifier: true },
      orderBy: { identifier: 'asc' },
      take: 20,
    });
    if (users.length) {
      const names = users.map((u) => u.identifier);
      throw new AppError('conflict', `action "${identifier}" is run by automations (${names.join(', ')}): change or delete them first`, {
        reason: 'in_use',
        automations: names,
      });
    }
    // Its runs go with it (ON DELETE CASCADE): not while one is still to finish (the runner holds it).
    const open = await tx.actionRun.count({ where: { teamId: ctx.team.id, actionId: before.id, status: { in: [...OPEN_RUN_STATUSES] } } });
    if (open) {
      throw new AppError('conflict', `action "${identifier}" has ${open} run(s) not finished: cancel them or wait for them first`, {
        reason: 'runs_open',
        runs: open,
      });
    }
    await tx.action.delete({ where: { teamId_id: { teamId: ctx.team.id, id: before.id } } });
    await writeAudit(tx, ctx, {
      action: 'action.deleted',
      entityType: 'action',
      entityId: before.id,
      verbatim: true,
      oldData: auditData(toActionView(before)),
    });
  });
}

/** A new signing secret, answered this once; the old one stops signing at once. */
export async function rotateActionSecret(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  options: WriteOptions = {},
): Promise<ActionWithVersion & { signingSecret: string }> {
  requirePermission(ctx, 'action:write');
  const secret = newSigningSecret();
  const row = await db.$transaction(async (tx) => {
    const before = await lockActionOrThrow(tx, ctx, identifier, options.ifMatch);
    const after = await tx.action.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.id } },
      data: { signingSecret: sealSigningSecret(before.id, secret), version: { increment: 1 }, updatedAt: new Date() },
    });
    await writeAudit(tx, ctx, {
      action: 'action.secret_rotated',
      entityType: 'action',
      entityId: after.id,
      verbatim: true,
      newData: { identifier },
    });
    return after;
  });
  return { ...withVersion(row), signingSecret: secret };
}
