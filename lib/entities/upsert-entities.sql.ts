import { Prisma } from '@/lib/generated/prisma/client';

// One statement writes a whole batch (bulk upsert, and `?upsert=true` on create): the rows arrive
// as ONE jsonb parameter, expanded by jsonb_to_recordset, inserted, and on a taken identifier
// updated in place with version + 1. The `old` CTE reads the rows being replaced (through the
// UNIQUE (team_id, blueprint_id, identifier) index) from the statement's snapshot, i.e. before the
// write, so the audit rows get the old {title, data}. Identifiers must be unique within `rows`.

export type UpsertRow = { identifier: string; title: string | null; data: Record<string, unknown> };

export type UpsertedRow = {
  id: string;
  identifier: string;
  title: string | null;
  data: Prisma.JsonValue;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
  created: boolean;
  old_title: string | null;
  old_data: Prisma.JsonValue | null;
};

export function upsertEntitiesSql(scope: { teamId: string; blueprintId: string }, userId: string | null, rows: UpsertRow[]): Prisma.Sql {
  const { teamId, blueprintId } = scope;
  return Prisma.sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(identifier text, title text, data jsonb)
    ), old AS (
      SELECT e.id, e.title, e.data FROM entities e
      WHERE e.team_id = ${teamId}::uuid AND e.blueprint_id = ${blueprintId} AND e.identifier IN (SELECT identifier FROM input)
    ), written AS (
      INSERT INTO entities (team_id, blueprint_id, identifier, title, data, created_by, updated_by)
      SELECT ${teamId}::uuid, ${blueprintId}, identifier, title, data, ${userId}::uuid, ${userId}::uuid FROM input
      ON CONFLICT (team_id, blueprint_id, identifier) DO UPDATE
        SET title = EXCLUDED.title, data = EXCLUDED.data, updated_by = EXCLUDED.updated_by,
            updated_at = CURRENT_TIMESTAMP, version = entities.version + 1
      RETURNING id, identifier, title, data, version, created_by, updated_by, created_at, updated_at, (xmax = 0) AS created
    )
    SELECT w.*, old.title AS old_title, old.data AS old_data FROM written w LEFT JOIN old ON old.id = w.id`;
}
