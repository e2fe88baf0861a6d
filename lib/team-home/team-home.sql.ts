import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The team home's raw statements (lib/db/README.md). Each groups in PostgreSQL and answers a
// handful of rows (one per day, or the top N entities), carries team_id, and names its index.

/**
 * Entity writes per UTC day in [since, until): created, updated (a restore writes a new version,
 * so it counts as one) and deleted, from the audit log. idx_audit_logs_team (team_id, created_at
 * DESC, id DESC) bounds the scan to the window; action and entity_type are checked on those rows
 * only. A team's window can still hold many rows (a sync writing all day), so the caller runs it
 * under a short statement timeout (count-entity-writes.ts).
 */
export function entityWritesPerDaySql(teamId: string, since: Date, until: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
           count(*) FILTER (WHERE action = 'entity.created')::int AS created,
           count(*) FILTER (WHERE action IN ('entity.updated', 'entity.restored'))::int AS updated,
           count(*) FILTER (WHERE action = 'entity.deleted')::int AS deleted
      FROM audit_logs
     WHERE team_id = ${teamId}::uuid AND created_at >= ${since}::timestamptz AND created_at < ${until}::timestamptz
       AND entity_type = 'entity'
     GROUP BY 1
     ORDER BY 1`;
}

export const writesPerDayRow = rowDecoder({ day: 'text', created: 'int', updated: 'int', deleted: 'int' });

/**
 * The team's `limit` entities with the most links, in + out (a link of an entity to itself counts
 * twice), ties by id. Both halves are index-only scans of idx_entity_relations_source and
 * idx_entity_relations_target on the team_id prefix, so the cost is the team's number of links,
 * not the table's: this is a full count over the team's links, with no index that could stop it
 * early. At 1M links that is a few hundred milliseconds of one core, which is why the caller runs
 * it under a short statement timeout and the page shows "not counted" rather than waiting (a
 * kept-up link count per entity would be the next step if teams that large appear). Only the top
 * `limit` rows are joined to entities (primary key) and blueprints (primary key).
 */
export function mostConnectedSql(teamId: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH ends AS (
      SELECT source_entity_id AS id FROM entity_relations WHERE team_id = ${teamId}::uuid
      UNION ALL
      SELECT target_entity_id AS id FROM entity_relations WHERE team_id = ${teamId}::uuid
    ), top AS (
      SELECT id, count(*)::int AS links FROM ends GROUP BY id ORDER BY links DESC, id LIMIT ${limit}
    )
    SELECT e.id::text AS id, e.identifier, e.title, e.blueprint_id AS blueprint, b.title AS blueprint_title, top.links
      FROM top
      JOIN entities e ON e.team_id = ${teamId}::uuid AND e.id = top.id
      JOIN blueprints b ON b.team_id = e.team_id AND b.id = e.blueprint_id
     ORDER BY top.links DESC, e.id`;
}

export const connectedRow = rowDecoder({
  id: 'text',
  identifier: 'text',
  title: 'text?',
  blueprint: 'text',
  blueprint_title: 'text',
  links: 'int',
});
