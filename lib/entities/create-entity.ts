import { writeAudit } from '@/lib/audit/write-audit';
import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { checkEntityInput } from './check-entity-input';
import { auditSnapshot, toVersioned, type VersionedEntity } from './entity-view';
import { ENTITY_SELECT } from './get-entity';
import { loadBlueprintOrThrow, lockBlueprintOrThrow } from './load-blueprint';
import type { CreateEntityInput } from './schemas';
import { recordOf, writeUpserts } from './write-upserts';

export type CreateOptions = { upsert?: boolean; validateOnly?: boolean };
export type CreateResult = { valid: true } | (VersionedEntity & { created: boolean });

/**
 * POST .../entities: validates `data` against the blueprint, then inserts (409 if the identifier
 * is taken) or, with `upsert`, replaces an existing entity's title and data in the same atomic
 * statement bulk uses. `validateOnly` checks everything and writes nothing.
 */
export async function createEntity(db: Db, ctx: TeamContext, blueprintId: string, input: CreateEntityInput, options: CreateOptions = {}): Promise<CreateResult> {
  if (options.validateOnly) {
    checkEntityInput(await loadBlueprintOrThrow(db, ctx, blueprintId), input);
    return { valid: true };
  }
  const row = { identifier: input.identifier, title: input.title ?? null, data: input.data };

  if (options.upsert) {
    return db.$transaction(async (tx) => {
      checkEntityInput(await lockBlueprintOrThrow(tx, ctx, blueprintId), input);
      const [written] = await writeUpserts(tx, ctx, blueprintId, [row]);
      return { ...toVersioned(recordOf(written, blueprintId)), created: written.created };
    });
  }
  return db.$transaction(async (tx) => {
    checkEntityInput(await lockBlueprintOrThrow(tx, ctx, blueprintId), input);
    const taken = await tx.entity.findUnique({
      where: { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId, identifier: input.identifier } },
      select: { id: true },
    });
    if (taken) throw new AppError('conflict', `entity "${input.identifier}" exists in blueprint "${blueprintId}" (send ?upsert=true to replace it)`);
    const user = actingUserId(ctx.actor);
    // A concurrent insert of the same identifier still fails on the unique key: P2002, a 409.
    const created = await tx.entity.create({
      data: { teamId: ctx.team.id, blueprintId, ...row, data: row.data as Prisma.InputJsonObject, createdBy: user, updatedBy: user },
      select: ENTITY_SELECT,
    });
    await writeAudit(tx, ctx, { action: 'entity.created', entityType: 'entity', verbatim: true, entityId: created.id, newData: auditSnapshot(created) });
    return { ...toVersioned(created), created: true };
  });
}
