import { randomUUID } from 'node:crypto';
import { actingUserId } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { applyMergePatch, type Json } from '@/lib/entities/merge-patch';
import { prismaJson } from '@/lib/entities/prisma-json';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { WriteOptions } from '@/lib/http/etag';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { validateBody } from '@/lib/http/request-body';
import { compileMappings } from './compile-mappings';
import { INTEGRATION_LIMITS } from './integration-limits';
import { replaceIntegrationBody, type IntegrationInput, type MappingInput, type ReplaceIntegrationInput } from './integration-schemas';
import { bodyOf, toIntegrationView, type IntegrationView } from './integration-view';
import { forgetIntegrationSql } from './integrations.sql';
import { settingsToStore, type SaveOptions } from './pull-settings';
import {
  findIntegrationOrThrow,
  lockIntegrationOrThrow,
  newIntegrationSecret,
  sealIntegrationSecret,
  type IntegrationWithMappings,
} from './load-integration';

// Integrations (API.md "Integrations, ingestion, import and export"): integration:read to read,
// integration:write for the rest. Each write is one transaction with its audit row (the body form:
// never the secret) and bumps version (the ETag). Every mapping expression is compiled before
// anything is written (400 naming the mapping and field), and every blueprint named must exist
// (422). The secret is made on create and answered once; rotate-secret makes a new one.

export type IntegrationWithVersion = { integration: IntegrationView; version: number };

const withVersion = ({ row, mappings }: IntegrationWithMappings): IntegrationWithVersion => ({
  integration: toIntegrationView(row, mappings),
  version: row.version,
});

type Client = Db | Prisma.TransactionClient;
export type { SaveOptions };

/** The mappings' expressions compile (400) and their blueprints are the team's (422). */
async function checkMappings(db: Client, teamId: string, mappings: MappingInput[]): Promise<void> {
  compileMappings(mappings);
  const named = [...new Set(mappings.map((m) => m.blueprint))];
  const found = new Set((await db.blueprint.findMany({ where: { teamId, id: { in: named } }, select: { id: true } })).map((b) => b.id));
  const faults = mappings.flatMap((m, i) =>
    found.has(m.blueprint) ? [] : [{ path: `/mappings/${i}/blueprint`, message: `the team has no blueprint "${m.blueprint}"` }],
  );
  if (faults.length) throw new AppError('validation_failed', 'the integration is not valid', faults);
}

function checkSettings(settings: Record<string, unknown> | undefined): void {
  if (settings && JSON.stringify(settings).length > INTEGRATION_LIMITS.maxSettingsChars) {
    throw new AppError('validation_failed', 'the integration is not valid', [
      { path: '/settings', message: `at most ${INTEGRATION_LIMITS.maxSettingsChars} characters as JSON` },
    ]);
  }
}

async function writeMappings(tx: Prisma.TransactionClient, teamId: string, integrationId: string, mappings: MappingInput[]) {
  await tx.integrationMapping.deleteMany({ where: { teamId, integrationId } });
  if (!mappings.length) return;
  await tx.integrationMapping.createMany({
    data: mappings.map(({ blueprint, ...rest }, position) => ({
      teamId,
      integrationId,
      blueprintId: blueprint,
      mapping: prismaJson(rest),
      position,
    })),
  });
}

export async function listIntegrations(
  db: Db,
  ctx: TeamContext,
  page: PageParams,
): Promise<{ integrations: IntegrationView[]; next_cursor: string | null }> {
  requirePermission(ctx, 'integration:read');
  // At most maxPerTeam rows per team, on the (team_id, id) key.
  const rows = await db.integration.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    include: { mappings: { select: { blueprintId: true, mapping: true, position: true } } },
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { integrations: items.map((r) => toIntegrationView(r, r.mappings)), next_cursor: nextCursor };
}

export async function getIntegration(db: Db, ctx: TeamContext, identifier: string): Promise<IntegrationWithVersion> {
  requirePermission(ctx, 'integration:read');
  return withVersion(await findIntegrationOrThrow(db, ctx.team.id, identifier));
}

/** Creates the integration; the answer carries its secret, this once. */
export async function createIntegration(
  db: Db,
  ctx: TeamContext,
  input: IntegrationInput,
  options: SaveOptions = {},
): Promise<IntegrationWithVersion & { secret: string }> {
  requirePermission(ctx, 'integration:write');
  checkSettings(input.settings);
  await checkMappings(db, ctx.team.id, input.mappings);
  const id = randomUUID();
  const stored = settingsToStore(input.kind, input, id, null, options);
  const secret = newIntegrationSecret();
  const created = await db.$transaction(async (tx) => {
    const taken = await tx.integration.findUnique({
      where: { teamId_identifier: { teamId: ctx.team.id, identifier: input.identifier } },
      select: { id: true },
    });
    if (taken) {
      throw new AppError('conflict', `the team already has an integration "${input.identifier}": choose another identifier`, {
        reason: 'already_exists',
      });
    }
    if ((await tx.integration.count({ where: { teamId: ctx.team.id } })) >= INTEGRATION_LIMITS.maxPerTeam) {
      throw new AppError('conflict', `the team has ${INTEGRATION_LIMITS.maxPerTeam} integrations already: delete one first`, {
        reason: 'limit_reached',
        limit: 'maxPerTeam',
      });
    }
    await tx.integration.create({
      data: {
        teamId: ctx.team.id,
        id,
        identifier: input.identifier,
        title: input.title,
        kind: input.kind,
        settings: prismaJson(stored.settings),
        pullHeaders: stored.pullHeaders,
        nextPullAt: stored.nextPullAt,
        enabled: input.enabled ?? true,
        deletionThreshold: input.deletion_threshold ?? 0.1,
        secret: sealIntegrationSecret(id, secret),
        createdBy: actingUserId(ctx.actor),
      },
    });
    await writeMappings(tx, ctx.team.id, id, input.mappings);
    const after = await findIntegrationOrThrow(tx, ctx.team.id, input.identifier);
    await writeAudit(tx, ctx, {
      action: 'integration.created',
      entityType: 'integration',
      entityId: id,
      verbatim: true,
      newData: bodyOf(toIntegrationView(after.row, after.mappings)),
    });
    return after;
  });
  return { ...withVersion(created), secret };
}

export type UpdateIntegrationMode = { replace: true; input: ReplaceIntegrationInput } | { replace: false; patch: Record<string, unknown> };

/** PUT replaces the whole integration; PATCH merges (RFC 7396) into its body form, then is checked as a PUT. */
export async function updateIntegration(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  mode: UpdateIntegrationMode,
  options: WriteOptions & SaveOptions = {},
): Promise<IntegrationWithVersion> {
  requirePermission(ctx, 'integration:write');
  const merge = (before: IntegrationWithMappings): ReplaceIntegrationInput =>
    mode.replace
      ? mode.input
      : validateBody(
          replaceIntegrationBody,
          applyMergePatch(bodyOf(toIntegrationView(before.row, before.mappings)) as Json, mode.patch as Json),
        );
  const after = await db.$transaction(async (tx) => {
    const before = await lockIntegrationOrThrow(tx, ctx, identifier, options.ifMatch);
    const input = merge(before);
    const faults: Array<{ path: string; message: string }> = [];
    if (input.identifier !== undefined && input.identifier !== identifier)
      faults.push({ path: '/identifier', message: `must be "${identifier}" (the integration of the URL); the title can change` });
    if (input.kind !== undefined && input.kind !== before.row.kind)
      faults.push({ path: '/kind', message: `must be "${before.row.kind}": create another integration for another kind` });
    if (faults.length) throw new AppError('validation_failed', 'an integration cannot be renamed or change kind', faults);
    checkSettings(input.settings);
    await checkMappings(tx, ctx.team.id, input.mappings);
    const { row } = before;
    const stored = settingsToStore(
      row.kind,
      input,
      row.id,
      { settings: row.settings, pullHeaders: row.pullHeaders ?? null, nextPullAt: row.nextPullAt ?? null, enabled: row.enabled },
      options,
    );
    await tx.integration.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.row.id } },
      data: {
        title: input.title,
        settings: prismaJson(stored.settings),
        pullHeaders: stored.pullHeaders,
        nextPullAt: stored.nextPullAt,
        enabled: input.enabled ?? true,
        deletionThreshold: input.deletion_threshold ?? 0.1,
        version: { increment: 1 },
        updatedAt: new Date(),
      },
    });
    await writeMappings(tx, ctx.team.id, before.row.id, input.mappings);
    const updated = await findIntegrationOrThrow(tx, ctx.team.id, identifier);
    await writeAudit(tx, ctx, {
      action: 'integration.updated',
      entityType: 'integration',
      entityId: before.row.id,
      verbatim: true,
      oldData: bodyOf(toIntegrationView(before.row, before.mappings)),
      newData: bodyOf(toIntegrationView(updated.row, updated.mappings)),
    });
    return updated;
  });
  return withVersion(after);
}

/** Deletes the integration and its sync history; the entities it wrote stay (and forget it). */
export async function deleteIntegration(db: Db, ctx: TeamContext, identifier: string, options: WriteOptions = {}): Promise<void> {
  requirePermission(ctx, 'integration:write');
  await db.$transaction(async (tx) => {
    const before = await lockIntegrationOrThrow(tx, ctx, identifier, options.ifMatch);
    await execSql(tx, forgetIntegrationSql(ctx.team.id, before.row.id));
    await tx.integration.delete({ where: { teamId_id: { teamId: ctx.team.id, id: before.row.id } } });
    await writeAudit(tx, ctx, {
      action: 'integration.deleted',
      entityType: 'integration',
      entityId: before.row.id,
      verbatim: true,
      oldData: bodyOf(toIntegrationView(before.row, before.mappings)),
    });
  });
}

/** A new secret, answered this once; the old one stops authenticating at once. */
export async function rotateIntegrationSecret(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  options: WriteOptions = {},
): Promise<IntegrationWithVersion & { secret: string }> {
  requirePermission(ctx, 'integration:write');
  const secret = newIntegrationSecret();
  const after = await db.$transaction(async (tx) => {
    const before = await lockIntegrationOrThrow(tx, ctx, identifier, options.ifMatch);
    await tx.integration.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.row.id } },
      data: { secret: sealIntegrationSecret(before.row.id, secret), version: { increment: 1 }, updatedAt: new Date() },
    });
    await writeAudit(tx, ctx, {
      action: 'integration.secret_rotated',
      entityType: 'integration',
      entityId: before.row.id,
      verbatim: true,
      newData: { identifier },
    });
    return findIntegrationOrThrow(tx, ctx.team.id, identifier);
  });
  return { ...withVersion(after), secret };
}
