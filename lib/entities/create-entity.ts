import { writeAudit } from '@/lib/audit/write-audit';
import { recordEvent } from '@/lib/events/record-events';
import { actingUserId } from '@/lib/auth/actor';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { linksViewOf, loadLinkViews, prepareLinks, relationDefsOf, writeLinks, type PreparedLinks } from '@/lib/relations/entity-links';
import type { RelationDef } from '@/lib/relations/relation-types';
import { knownGroups, ownerFaults } from '@/lib/groups/check-owners';
import { entityFaults, throwIfFaults } from './check-entity-input';
import { auditSnapshot, toVersioned, type VersionedEntity } from './entity-view';
import { ENTITY_SELECT } from './get-entity';
import { prismaJson } from './prisma-json';
import { lockBlueprintOrThrow } from './load-blueprint';
import type { CreateEntityInput } from './schemas';
import { recordOf, writeUpserts } from './write-upserts';
import { planRescore, rescoreEntities } from '@/lib/scorecards/evaluate/rescore-entities';

export type CreateOptions = { upsert?: boolean; validateOnly?: boolean };
export type CreateResult = { valid: true } | (VersionedEntity & { created: boolean });

/**
 * Data and links checked together in the write transaction (one 422 with every fault). A new
 * entity, or a PUT-like upsert that sends `relations`, must hold its required relations; an upsert
 * over an existing entity without `relations` keeps its links.
 */
async function checkInput(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  input: CreateEntityInput,
  existingId: string | null,
): Promise<PreparedLinks & { defs: RelationDef[] }> {
  const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
  const defs = await relationDefsOf(tx, ctx, blueprintId);
  const relations = input.relations ?? (existingId ? null : {});
  const [links] = await prepareLinks(tx, ctx, defs, [{ relations, requireAll: relations !== null, existingId }]);
  const groups = await knownGroups(tx, ctx.team.id, [input.owners]);
  throwIfFaults([...entityFaults(blueprint, input), ...links.faults, ...ownerFaults(input.owners, groups)]);
  return { ...links, defs };
}

/**
 * POST .../entities: validates `data` against the blueprint and `relations` against its relation
 * definitions, then inserts (409 if the identifier is taken) or, with `upsert`, replaces an
 * existing entity's title and data in the same atomic statement bulk uses. `validateOnly` checks
 * everything and writes nothing.
 */
export async function createEntity(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  input: CreateEntityInput,
  options: CreateOptions = {},
): Promise<CreateResult> {
  requirePermission(ctx, 'entity:write');
  const existingIdOf = async (tx: Prisma.TransactionClient) =>
    (
      await tx.entity.findUnique({
        where: { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId, identifier: input.identifier } },
        select: { id: true },
      })
    )?.id ?? null;
  if (options.validateOnly) {
    await db.$transaction(async (tx) => checkInput(tx, ctx, blueprintId, input, options.upsert ? await existingIdOf(tx) : null));
    return { valid: true };
  }
  const row = { identifier: input.identifier, title: input.title ?? null, data: input.data, owners: input.owners };
  if (options.upsert) {
    return db.$transaction(async (tx) => {
      const existingId = await existingIdOf(tx);
      const links = await checkInput(tx, ctx, blueprintId, input, existingId);
      const rescore = await planRescore(tx, ctx, blueprintId, existingId ? [existingId] : []);
      const [written] = await writeUpserts(tx, ctx, blueprintId, [
        { ...row, ...(links.links && { relations: linksViewOf(input.relations ?? {}, links.defs) }) },
      ]);
      if (links.links) await writeLinks(tx, ctx, [{ sourceId: written.id, links: links.links }]);
      await rescoreEntities(tx, ctx, rescore, [{ id: written.id, cause: written.created ? 'entity_created' : 'entity_updated' }]);
      const views = await loadLinkViews(tx, ctx.team.id, [written.id]);
      return { ...toVersioned(recordOf(written, blueprintId), views.get(written.id)), created: written.created };
    });
  }
  return db.$transaction(async (tx) => {
    const links = await checkInput(tx, ctx, blueprintId, input, null);
    if (await existingIdOf(tx))
      throw new AppError(
        'conflict',
        `entity "${input.identifier}" exists in blueprint "${blueprintId}" (send ?upsert=true to replace it)`,
        {
          reason: 'already_exists',
        },
      );
    const user = actingUserId(ctx.actor);
    const rescore = await planRescore(tx, ctx, blueprintId, []);
    // A concurrent insert of the same identifier still fails on the unique key: P2002, a 409.
    const created = await tx.entity.create({
      data: {
        teamId: ctx.team.id,
        blueprintId,
        ...row,
        data: prismaJson(row.data),
        owners: row.owners ?? [],
        createdBy: user,
        updatedBy: user,
      },
      select: ENTITY_SELECT,
    });
    if (links.links?.length) await writeLinks(tx, ctx, [{ sourceId: created.id, links: links.links }]);
    await rescoreEntities(tx, ctx, rescore, [{ id: created.id, cause: 'entity_created' }]);
    const relations = (await loadLinkViews(tx, ctx.team.id, [created.id])).get(created.id) ?? {};
    const auditId = await writeAudit(tx, ctx, {
      action: 'entity.created',
      entityType: 'entity',
      verbatim: true,
      entityId: created.id,
      newData: auditSnapshot(created, relations),
    });
    await recordEvent(tx, ctx, { auditId, blueprintId });
    return { ...toVersioned(created, relations), created: true };
  });
}
