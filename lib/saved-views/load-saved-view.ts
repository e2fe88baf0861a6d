import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { lockedSavedViewRow, lockSavedViewSql } from './saved-views.sql';
import type { SavedViewRow } from './saved-view-view';

// One saved view looked up through its parents from the URL (team, blueprint, identifier), as the
// caller may see it: shared views, and their own private ones. Another team's, another
// blueprint's and someone else's private view are all a 404 like a missing one. Internal to the
// saved-view services, after their permission check.

export const savedViewNotFound = (blueprintId: string, identifier: string) =>
  new AppError('not_found', `view "${identifier}" of blueprint "${blueprintId}" not found`);

/** The person whose private views the caller sees: the user, or a key's creator; nobody for the system. */
export const viewerOf = (ctx: TeamContext): string | null => actingUserId(ctx.actor);

/** Shared views and the caller's own: the where clause of every read. */
export const visibleTo = (ctx: TeamContext) => {
  const me = viewerOf(ctx);
  return me ? { OR: [{ ownerId: null }, { ownerId: me }] } : { ownerId: null };
};

export async function findSavedViewOrThrow(
  db: Db | Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
): Promise<SavedViewRow> {
  const row = await db.savedView.findUnique({ where: { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId, identifier } } });
  if (!row || (row.ownerId !== null && row.ownerId !== viewerOf(ctx))) throw savedViewNotFound(blueprintId, identifier);
  return row;
}

/** The view locked until the transaction ends, its version checked against `ifMatch` (409 stale_version). */
export async function lockSavedViewOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  ifMatch?: number[],
): Promise<SavedViewRow> {
  const [locked] = await runSql(tx, lockSavedViewSql(ctx.team.id, blueprintId, identifier), lockedSavedViewRow);
  // Someone else's private view is not there for this caller, locked or not: no version is told.
  if (!locked || (locked.owner_id !== null && locked.owner_id !== viewerOf(ctx))) throw savedViewNotFound(blueprintId, identifier);
  if (ifMatch && !ifMatch.includes(locked.version)) {
    throw new AppError(
      'conflict',
      `view "${identifier}" has changed (it is at version ${locked.version}): reload it and apply your change again`,
      {
        reason: 'stale_version',
        version: locked.version,
      },
    );
  }
  return findSavedViewOrThrow(tx, ctx, blueprintId, identifier);
}
