import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the saved-view writes: the row lock an If-Match is checked under. Values are
// parameters, always; the statement leads with team_id.

/**
 * Locks one view until the transaction ends (unique key (team_id, blueprint_id, identifier)):
 * concurrent writes of it queue, so the version checked is the version replaced. Its owner comes
 * back too: whether the caller may see it is decided on the locked row.
 */
export function lockSavedViewSql(teamId: string, blueprintId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, version, owner_id::text AS owner_id FROM saved_views
    WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId} AND identifier = ${identifier} FOR UPDATE`;
}
export const lockedSavedViewRow = rowDecoder({ id: 'text', version: 'int', owner_id: 'text?' });
