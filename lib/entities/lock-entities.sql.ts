import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';
import type { EntityRecord } from './entity-view';

// The entities a bulk patch or delete acts on, read and row-locked in one statement, so nothing
// changes them between the read and the write of the same transaction. Served by the unique key
// (team_id, blueprint_id, identifier): one probe per identifier. Locked in identifier order,
// bytewise, as upsert-entities.sql.ts inserts, so a bulk edit and a bulk upsert over the same
// rows queue behind one another instead of deadlocking.

type LockedRow = {
  id: string;
  identifier: string;
  title: string | null;
  data: Prisma.JsonValue;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
};

const lockedRow = rowDecoderFor<LockedRow>()({
  id: 'text',
  identifier: 'text',
  title: 'text?',
  data: 'json',
  version: 'int',
  created_by: 'text?',
  updated_by: 'text?',
  created_at: 'date',
  updated_at: 'date',
});

export function lockEntitiesSql(scope: { teamId: string; blueprintId: string }, identifiers: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id, identifier, title, data, version, created_by::text AS created_by, updated_by::text AS updated_by,
           created_at, updated_at
      FROM entities
     WHERE team_id = ${scope.teamId}::uuid AND blueprint_id = ${scope.blueprintId} AND identifier = ANY(${identifiers}::text[])
     ORDER BY identifier COLLATE "C"
       FOR UPDATE`;
}

/** A locked row as the entity services' record of it. */
export function decodeLockedEntity(blueprintId: string) {
  return (row: Record<string, unknown>): EntityRecord => {
    const r = lockedRow(row);
    return {
      id: r.id,
      identifier: r.identifier,
      blueprintId,
      title: r.title,
      data: r.data,
      version: r.version,
      createdBy: r.created_by,
      updatedBy: r.updated_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  };
}
