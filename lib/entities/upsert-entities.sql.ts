import type { AuditActor } from '@/lib/audit/write-audit';
import { rowDecoder, rowDecoderFor } from '@/lib/db/decode-row';
import { insertEventsSql } from '@/lib/events/catalog-events.sql';
import { Prisma } from '@/lib/generated/prisma/client';

// One statement writes a whole batch (bulk upsert, and `?upsert=true` on create): the rows arrive
// as ONE jsonb parameter, expanded by jsonb_to_recordset, inserted, and on a taken identifier
// updated in place with version + 1. A bulk write's audit rows carry the new version only: the
// version it replaced is the new_data of the entity's previous audit row (history reads it there).
// Looking the old rows up made batches slower as the table grew: while a bulk load outruns
// autovacuum's statistics, the planner probed them through idx_entities_list and filtered
// (0.2 s for the first batch, 9 s at 30,000 entities). A single upsert still records its old
// version (`withOldData`: one probe). The audit rows are inserted by the same
// statement (a data-modifying CTE): a batch's data crosses the wire once, not three times, which
// is most of what bulk ingest costs. Identifiers must be unique within `rows`. The audit row holds
// the entity's links when the write set them (`relations` sent); a write that keeps the links
// (an upsert without `relations`) records none, as its links did not change.
// Rows are inserted (and so their row locks taken) in identifier order, bytewise: two batches over
// the same identifiers in different orders then queue on their first shared row instead of each
// holding a row the other waits for (a deadlock, 40P01; issue 11 #13).

/**
 * `relations`: the links view the write leaves (when the body sent `relations`), for the audit row.
 * `owners`: the owners to write; absent, a new entity has none and an existing one keeps its own
 * (as links are kept): an integration's sync never clears what a person set.
 */
export type UpsertRow = {
  identifier: string;
  title: string | null;
  data: Record<string, unknown>;
  relations?: Record<string, unknown>;
  owners?: string[];
};

/** An entity's row as the write statements return it (also lock-entities.sql.ts). */
export type EntityRow = {
  id: string;
  identifier: string;
  title: string | null;
  data: Prisma.JsonValue;
  owners: string[];
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
};
export type UpsertedRow = EntityRow & { created: boolean };

export const ENTITY_ROW_SHAPE = {
  id: 'text',
  identifier: 'text',
  title: 'text?',
  data: 'json',
  owners: 'text[]',
  version: 'int',
  created_by: 'text?',
  updated_by: 'text?',
  created_at: 'date',
  updated_at: 'date',
} as const;

export const upsertedRow = rowDecoderFor<UpsertedRow>()({ ...ENTITY_ROW_SHAPE, created: 'bool' });

/** What a bulk write answers per entity: no data sent back over the wire for a thousand rows. */
export type UpsertedKey = { id: string; identifier: string; created: boolean };
export const upsertedKey = rowDecoder({ id: 'text', identifier: 'text', created: 'bool' });

/** The ids of those of `identifiers` that exist (the unique key (team_id, blueprint_id, identifier)). */
export function existingIdsSql(scope: { teamId: string; blueprintId: string }, identifiers: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id, identifier FROM entities
     WHERE team_id = ${scope.teamId}::uuid AND blueprint_id = ${scope.blueprintId} AND identifier = ANY(${identifiers}::text[])`;
}
export const existingIdRow = rowDecoder({ id: 'text', identifier: 'text' });

/**
 * `withOldData`: also record the replaced version in the audit rows (single-entity upserts).
 * `keysOnly`: answer id, identifier and created only (upsertedKey), not the written rows. The
 * batch's events (lib/events) are the statement's last CTE: one INSERT for the whole batch, from
 * the audit rows just written and the old rows' title and data (for what changed).
 */
export function upsertEntitiesSql(
  scope: { teamId: string; blueprintId: string; integrationId?: string | null },
  actor: AuditActor,
  rows: UpsertRow[],
  options: { withOldData?: boolean; keysOnly?: boolean } = {},
): Prisma.Sql {
  const { teamId, blueprintId } = scope;
  // An integration's write marks the rows it wrote (a full sync of it may delete them later); any
  // other write keeps the mark (COALESCE with NULL), so a person's edit does not orphan the entity.
  const integrationId = scope.integrationId ?? null;
  const { userId } = actor;
  // The rows as they were (the statement's snapshot), for the events' `changed` and a single
  // upsert's audit old_data. Looked up by the identifiers as an array parameter, which the unique
  // key (team_id, blueprint_id, identifier) serves with one probe each, as existingIdsSql does; the
  // IN (SELECT ... FROM input) form this replaced let the planner pick idx_entities_list and filter.
  const identifiers = rows.map((r) => r.identifier);
  const old = Prisma.sql`SELECT e.id, e.title, e.data, e.owners FROM entities e
        WHERE e.team_id = ${teamId}::uuid AND e.blueprint_id = ${blueprintId} AND e.identifier = ANY(${identifiers}::text[])`;
  // The rows that keep their owners, as one array parameter: `= ANY` of an in-memory array per
  // updated row (no per-row query; empty in the usual batch, where every row or none sends owners).
  const keepOwners = rows.filter((r) => r.owners === undefined).map((r) => r.identifier);
  const ownersUpdate =
    keepOwners.length === 0
      ? Prisma.sql`EXCLUDED.owners`
      : keepOwners.length === rows.length
        ? Prisma.sql`entities.owners`
        : Prisma.sql`CASE WHEN EXCLUDED.identifier = ANY(${keepOwners}::text[]) THEN entities.owners ELSE EXCLUDED.owners END`;
  const oldData = options.withOldData
    ? Prisma.sql`jsonb_build_object('identifier', w.identifier, 'title', old.title, 'data', old.data, 'owners', to_jsonb(old.owners), 'version', w.version - 1)`
    : Prisma.sql`NULL::jsonb`;
  return Prisma.sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(identifier text, title text, data jsonb, relations jsonb, owners text[])
    ), old AS (${old}
    ), written AS (
      INSERT INTO entities (team_id, blueprint_id, identifier, title, data, owners, created_by, updated_by, integration_id)
      SELECT ${teamId}::uuid, ${blueprintId}, identifier, title, data, COALESCE(owners, '{}'), ${userId}::uuid, ${userId}::uuid, ${integrationId}::uuid
        FROM input
       ORDER BY identifier COLLATE "C"
      ON CONFLICT (team_id, blueprint_id, identifier) DO UPDATE
        SET title = EXCLUDED.title, data = EXCLUDED.data, owners = ${ownersUpdate}, updated_by = EXCLUDED.updated_by,
            integration_id = COALESCE(EXCLUDED.integration_id, entities.integration_id),
            updated_at = CURRENT_TIMESTAMP, version = entities.version + 1
      RETURNING id, identifier, title, data, owners, version, created_by, updated_by, created_at, updated_at, (xmax = 0) AS created
    ), audited AS (
      INSERT INTO audit_logs (team_id, actor_type, user_id, api_key_id, on_behalf_type, on_behalf_id, action, entity_type, entity_id,
                              old_data, new_data, ip_address, user_agent, request_id)
      SELECT ${teamId}::uuid, ${actor.actorType}, ${actor.userId}::uuid, ${actor.apiKeyId}::uuid, ${actor.onBehalfType}, ${actor.onBehalfId},
             CASE WHEN w.created THEN 'entity.created' ELSE 'entity.updated' END, 'entity', w.id::text,
             CASE WHEN w.created OR old.id IS NULL THEN NULL ELSE ${oldData} END,
             jsonb_build_object('identifier', w.identifier, 'title', w.title, 'data', w.data, 'owners', to_jsonb(w.owners), 'version', w.version)
               || CASE WHEN i.relations IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('relations', i.relations) END,
             ${actor.ipAddress}::inet, ${actor.userAgent}, ${actor.requestId}
        FROM written w JOIN input i ON i.identifier = w.identifier LEFT JOIN old ON old.id = w.id
      RETURNING id, entity_id, action, new_data
    ), evented AS (${insertEventsSql(
      teamId,
      actor,
      Prisma.sql`
        SELECT a.action, ${blueprintId}::text AS blueprint_id, w.id AS entity_id, w.identifier, a.id AS audit_id,
               CASE WHEN w.created OR old.id IS NULL THEN NULL ELSE jsonb_build_object('title', old.title, 'data', old.data) END AS old_snap,
               a.new_data AS new_snap
          FROM written w JOIN audited a ON a.entity_id = w.id::text LEFT JOIN old ON old.id = w.id`,
    )}
    )
    ${options.keysOnly ? Prisma.sql`SELECT id::text AS id, identifier, created FROM written` : Prisma.sql`SELECT * FROM written`}`;
}
