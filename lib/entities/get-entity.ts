import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { toVersioned, type EntityRecord, type VersionedEntity } from './entity-view';
import { loadPageLinks } from '@/lib/relations/entity-links';
import { readEntityScorecards } from '@/lib/scorecards/read-entity-scorecards';
import { loadBlueprintOrThrow } from './load-blueprint';

/** The columns an entity's view and ETag are made of. */
export const ENTITY_SELECT = {
  id: true,
  identifier: true,
  blueprintId: true,
  title: true,
  data: true,
  owners: true,
  version: true,
  createdBy: true,
  updatedBy: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** An entity through its parents of the URL: team + blueprint + identifier, or null. */
export async function findEntity(
  db: Db | Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
): Promise<EntityRecord | null> {
  return db.entity.findUnique({
    where: { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId, identifier } },
    select: ENTITY_SELECT,
  });
}

export const entityNotFound = (identifier: string, blueprintId: string) =>
  new AppError('not_found', `entity "${identifier}" not found in blueprint "${blueprintId}"`);

/** findEntity, else 404. */
export async function getEntityOrThrow(
  db: Db | Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
): Promise<EntityRecord> {
  const row = await findEntity(db, ctx, blueprintId, identifier);
  if (!row) throw entityNotFound(identifier, blueprintId);
  return row;
}

/**
 * `includeRelated`: add `related` (the linked entities' titles; same query, no extra cost);
 * `includeScorecards`: add `scorecards` (its live results; scorecard:read).
 */
export async function getEntity(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  options: { includeRelated?: boolean; includeScorecards?: boolean } = {},
): Promise<VersionedEntity> {
  requirePermission(ctx, 'entity:read');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const entity = await getEntityOrThrow(db, ctx, blueprintId, identifier);
  const links = await loadPageLinks(db, ctx.team.id, [entity.id]);
  const versioned = toVersioned(
    entity,
    links.views.get(entity.id),
    options.includeRelated ? (links.related.get(entity.id) ?? {}) : undefined,
  );
  if (!options.includeScorecards) return versioned;
  const scorecards = (await readEntityScorecards(db, ctx, [entity.id])).get(entity.id) ?? {};
  return { ...versioned, entity: { ...versioned.entity, scorecards } };
}
