import type { AuditActor } from '@/lib/audit/write-audit';
import { Prisma } from '@/lib/generated/prisma/client';

// The writes of the outbox (lib/events/README.md). Every statement here runs in the transaction of
// the change it records, next to its audit row; the kind and what changed come from the SQL
// function catalog_change (migration 0017) over the audit row's before/after snapshots, so the
// single-entity services and the bulk statement cannot disagree on them. No index serves these
// inserts; each writes its rows and the indexes of catalog_events (primary key, team feed, global
// reader, BRIN on `at`).

/** Who an event names: the person or key, or (the system) the automation or integration it acted for. */
export function eventActorOf(actor: AuditActor): { type: string; id: string | null } {
  if (actor.actorType === 'system') return { type: actor.onBehalfType ?? 'system', id: actor.onBehalfId };
  return { type: actor.actorType, id: actor.actorType === 'api_key' ? actor.apiKeyId : actor.userId };
}

/**
 * INSERT of one event per row of `source`, which yields the columns action, blueprint_id,
 * entity_id (uuid, NULL for a blueprint), identifier, audit_id (uuid), old_snap and new_snap
 * (jsonb). A bulk write passes its audited rows (lib/entities/upsert-entities.sql.ts uses this as
 * a CTE of its one statement): a whole batch's events in one INSERT.
 */
export function insertEventsSql(teamId: string, actor: AuditActor, source: Prisma.Sql): Prisma.Sql {
  const who = eventActorOf(actor);
  return Prisma.sql`
    INSERT INTO catalog_events (team_id, kind, blueprint_id, entity_id, identifier, changed, changed_relations, title_changed,
                                actor_type, actor_id, request_id, audit_id)
    SELECT ${teamId}::uuid, c.kind, s.blueprint_id, s.entity_id, s.identifier, c.changed, c.changed_relations, c.title_changed,
           ${who.type}, ${who.id}, ${actor.requestId}, s.audit_id
      FROM (${source}) s CROSS JOIN LATERAL catalog_change(s.action, s.old_snap, s.new_snap) c`;
}

/**
 * The event of one audit row just written (an entity's create, update, restore or delete; a
 * blueprint's change), read back by its primary key (team_id, id).
 */
export function eventOfAuditRowSql(teamId: string, actor: AuditActor, auditId: string, blueprintId: string): Prisma.Sql {
  return insertEventsSql(
    teamId,
    actor,
    Prisma.sql`
      SELECT a.action, ${blueprintId}::text AS blueprint_id,
             CASE WHEN a.entity_type = 'entity' THEN a.entity_id::uuid END AS entity_id,
             CASE WHEN a.entity_type = 'entity' THEN coalesce(a.new_data->>'identifier', a.old_data->>'identifier') END AS identifier,
             a.id AS audit_id, a.old_data AS old_snap, a.new_data AS new_snap
        FROM audit_logs a
       WHERE a.team_id = ${teamId}::uuid AND a.id = ${auditId}::uuid`,
  );
}

/**
 * `entity.links_changed` for every entity that links to `targetId`, which is about to be deleted
 * (its links go by cascade): one event per source entity, naming the relations that lose a link,
 * with the delete's audit row (whose old_data lists the removed links). Run BEFORE the delete.
 * idx_entity_relations_target (team_id, target_entity_id) finds the links.
 */
export function linkSourcesEventsSql(teamId: string, actor: AuditActor, targetId: string, auditId: string): Prisma.Sql {
  const who = eventActorOf(actor);
  return Prisma.sql`
    INSERT INTO catalog_events (team_id, kind, blueprint_id, entity_id, identifier, changed_relations, actor_type, actor_id, request_id, audit_id)
    SELECT ${teamId}::uuid, 'entity.links_changed', s.blueprint_id, s.id, s.identifier,
           array_agg(DISTINCT d.identifier::text),
           ${who.type}, ${who.id}, ${actor.requestId}, ${auditId}::uuid
      FROM entity_relations r
      JOIN entities s ON s.team_id = r.team_id AND s.id = r.source_entity_id
      JOIN blueprint_relations d ON d.team_id = r.team_id AND d.id = r.relation_id
     WHERE r.team_id = ${teamId}::uuid AND r.target_entity_id = ${targetId}::uuid AND r.source_entity_id <> ${targetId}::uuid
     GROUP BY s.blueprint_id, s.id, s.identifier
     ORDER BY s.blueprint_id, s.identifier COLLATE "C"`;
}
