import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';
import type { EntityRecord } from './entity-view';
import { ENTITY_ROW_SHAPE, type EntityRow } from './upsert-entities.sql';
import { recordOf } from './write-upserts';

// The entities a bulk patch or delete acts on, read and row-locked in one statement, so nothing
// changes them between the read and the write of the same transaction. Served by the unique key
// (team_id, blueprint_id, identifier): one probe per identifier. Locked in identifier order,
// bytewise, as upsert-entities.sql.ts inserts, so a bulk edit and a bulk upsert over the same
// rows queue behind one another instead of deadlocking.

const lockedRow = rowDecoderFor<EntityRow>()(ENTITY_ROW_SHAPE);

export function lockEntitiesSql(scope: { teamId: string; blueprintId: string }, identifiers: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id, identifier, title, data, owners, version, created_by::text AS created_by, updated_by::text AS updated_by,
           created_at, updated_at
      FROM entities
     WHERE team_id = ${scope.teamId}::uuid AND blueprint_id = ${scope.blueprintId} AND identifier = ANY(${identifiers}::text[])
     ORDER BY identifier COLLATE "C"
       FOR UPDATE`;
}

/** A locked row as the entity services' record of it. */
export function decodeLockedEntity(blueprintId: string) {
  return (row: Record<string, unknown>): EntityRecord => recordOf(lockedRow(row), blueprintId);
}
