import { kickAutomations } from './engine/dispatch-job';
import { actingUserId } from '@/lib/auth/actor';
import { AUTOMATION_LIMITS } from '@/lib/actions/action-limits';
import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { applyMergePatch, type Json } from '@/lib/entities/merge-patch';
import { prismaJson } from '@/lib/entities/prisma-json';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { validateBody } from '@/lib/http/request-body';
import { replaceAutomationBody, type AutomationInput, type ReplaceAutomationInput } from './automation-schemas';
import { bodyOf, toAutomationView, WITH_ACTION, type AutomationRow, type AutomationView } from './automation-view';
import { checkAutomation, type CheckedAutomation } from './check-automation';
import { findAutomationOrThrow, lockAutomationOrThrow } from './load-automation';

// Automations (API.md "Automations"): action:read to read, action:write to change. Each write is
// one transaction with its audit row and bumps version (the ETag). The engine that reads the
// outbox and starts runs is lib/automations' other half (not here).

export type AutomationWithVersion = { automation: AutomationView; version: number };

const withVersion = (row: AutomationRow): AutomationWithVersion => ({ automation: toAutomationView(row), version: row.version });
const jsonOrNull = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : prismaJson(value));

function rowData(input: AutomationInput | ReplaceAutomationInput, checked: CheckedAutomation) {
  return {
    title: input.title,
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    event: input.on.event,
    blueprintId: checked.blueprintId,
    condition: jsonOrNull(checked.condition),
    actionId: checked.actionId,
    inputs: jsonOrNull(input.inputs),
  };
}

export async function listAutomations(
  db: Db,
  ctx: TeamContext,
  page: PageParams,
): Promise<{ automations: AutomationView[]; next_cursor: string | null }> {
  requirePermission(ctx, 'action:read');
  // At most maxPerTeam rows per team: the (team_id, identifier) key narrows, a small sort orders.
  const rows = await db.automation.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'asc') },
    include: WITH_ACTION,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { automations: items.map(toAutomationView), next_cursor: nextCursor };
}

export async function getAutomation(db: Db, ctx: TeamContext, identifier: string): Promise<AutomationWithVersion> {
  requirePermission(ctx, 'action:read');
  return withVersion(await findAutomationOrThrow(db, ctx, identifier));
}

export async function createAutomation(db: Db, ctx: TeamContext, input: AutomationInput): Promise<AutomationWithVersion> {
  requirePermission(ctx, 'action:write');
  const row = await db.$transaction(async (tx) => {
    // In the transaction: the action it names is read (and kept) with the write.
    const checked = await checkAutomation(tx, ctx.team.id, input);
    if (
      await tx.automation.findUnique({
        where: { teamId_identifier: { teamId: ctx.team.id, identifier: input.identifier } },
        select: { id: true },
      })
    ) {
      throw new AppError('conflict', `the team already has an automation "${input.identifier}": choose another identifier`, {
        reason: 'already_exists',
      });
    }
    if ((await tx.automation.count({ where: { teamId: ctx.team.id } })) >= AUTOMATION_LIMITS.maxPerTeam) {
      throw new AppError('conflict', `the team has ${AUTOMATION_LIMITS.maxPerTeam} automations already: delete one first`, {
        reason: 'limit_reached',
        limit: 'maxPerTeam',
      });
    }
    const created = await tx.automation.create({
      data: { teamId: ctx.team.id, identifier: input.identifier, createdBy: actingUserId(ctx.actor), ...rowData(input, checked) },
      include: WITH_ACTION,
    });
    await writeAudit(tx, ctx, {
      action: 'automation.created',
      entityType: 'automation',
      entityId: created.id,
      verbatim: true,
      newData: bodyOf(toAutomationView(created)),
    });
    return created;
  });
  if (row.enabled) await kickAutomations(); // act on the next change at once, not at the next sweep
  return withVersion(row);
}

export type UpdateAutomationMode = { replace: true; input: ReplaceAutomationInput } | { replace: false; patch: Record<string, unknown> };

/** PUT replaces the whole automation; PATCH merges (RFC 7396) into its body form, then is checked as a PUT. */
export async function updateAutomation(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  mode: UpdateAutomationMode,
  options: WriteOptions = {},
): Promise<AutomationWithVersion> {
  requirePermission(ctx, 'action:write');
  const row = await db.$transaction(async (tx) => {
    const before = await lockAutomationOrThrow(tx, ctx, identifier, options.ifMatch);
    const input = mode.replace
      ? mode.input
      : validateBody(replaceAutomationBody, applyMergePatch(bodyOf(toAutomationView(before)) as Json, mode.patch as Json));
    if (input.identifier !== undefined && input.identifier !== identifier) {
      throw new AppError('validation_failed', 'an automation cannot be renamed', [
        { path: '/identifier', message: `must be "${identifier}" (the automation of the URL); the title can change` },
      ]);
    }
    const checked = await checkAutomation(tx, ctx.team.id, input);
    const after = await tx.automation.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.id } },
      data: { ...rowData(input, checked), version: { increment: 1 }, updatedAt: new Date() },
      include: WITH_ACTION,
    });
    await writeAudit(tx, ctx, {
      action: 'automation.updated',
      entityType: 'automation',
      entityId: after.id,
      verbatim: true,
      oldData: bodyOf(toAutomationView(before)),
      newData: bodyOf(toAutomationView(after)),
    });
    return after;
  });
  if (row.enabled) await kickAutomations(); // act on the next change at once, not at the next sweep
  return withVersion(row);
}

export async function deleteAutomation(db: Db, ctx: TeamContext, identifier: string, options: WriteOptions = {}): Promise<void> {
  requirePermission(ctx, 'action:write');
  await db.$transaction(async (tx) => {
    const before = await lockAutomationOrThrow(tx, ctx, identifier, options.ifMatch);
    await tx.automation.delete({ where: { teamId_id: { teamId: ctx.team.id, id: before.id } } });
    await writeAudit(tx, ctx, {
      action: 'automation.deleted',
      entityType: 'automation',
      entityId: before.id,
      verbatim: true,
      oldData: bodyOf(toAutomationView(before)),
    });
  });
}
