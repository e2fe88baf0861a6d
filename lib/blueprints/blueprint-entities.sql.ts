import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL over one blueprint's entities. Values are parameters, always.

/**
 * One batch of a blueprint's entities in (created_at DESC, id DESC) order, after the keyset
 * `(created_at, id) < (afterAt, afterId)`. Served by idx_entities_list
 * (team_id, blueprint_id, created_at DESC, id DESC): an index range scan that stops after `limit`
 * rows at any depth, so walking a blueprint of any size holds one batch in memory at a time.
 */
export function entityBatchSql(teamId: string, blueprintId: string, after: { at: Date; id: string } | null, limit: number): Prisma.Sql {
  const keyset = after ? Prisma.sql`AND (created_at, id) < (${after.at}, ${after.id}::uuid)` : Prisma.empty;
  return Prisma.sql`
    SELECT id, identifier, data, created_at
    FROM entities
    WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId} ${keyset}
    ORDER BY created_at DESC, id DESC
    LIMIT ${limit}`;
}

export type EntityBatchRow = { id: string; identifier: string; data: unknown; created_at: Date };
export const entityBatchRow = rowDecoderFor<EntityBatchRow>()({ id: 'text', identifier: 'text', data: 'json', created_at: 'date' });

/**
 * Locks a blueprint's row until the transaction ends (primary key (team_id, id)): concurrent schema
 * changes wait, and so do entity writers, which read it FOR SHARE (load-blueprint.sql.ts).
 */
export function lockBlueprintSql(teamId: string, blueprintId: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM blueprints WHERE team_id = ${teamId}::uuid AND id = ${blueprintId} FOR UPDATE`;
}

/**
 * What deleting a blueprint takes with it through the foreign keys' ON DELETE CASCADE. Entities
 * are counted on idx_entities_list; relation links through idx_entity_relations_source / _target
 * (one team's links, probed by the blueprint's entity ids) and the (team_id, relation_id, ...)
 * unique key (links of the relation definitions that point either way); scorecards on their (team_id, blueprint_id, identifier) key, actions on
 * idx_actions_blueprint; integration mappings by the team's rows (a team has a handful).
 */
export function deleteImpactSql(teamId: string, blueprintId: string): Prisma.Sql {
  return Prisma.sql`
    WITH own AS (SELECT id FROM entities WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId}),
    defs AS (
      SELECT id FROM blueprint_relations
      WHERE team_id = ${teamId}::uuid AND (source_blueprint_id = ${blueprintId} OR target_blueprint_id = ${blueprintId})
    ),
    links AS (
      SELECT r.id FROM entity_relations r WHERE r.team_id = ${teamId}::uuid AND r.source_entity_id IN (SELECT id FROM own)
      UNION
      SELECT r.id FROM entity_relations r WHERE r.team_id = ${teamId}::uuid AND r.target_entity_id IN (SELECT id FROM own)
      UNION
      SELECT r.id FROM entity_relations r WHERE r.team_id = ${teamId}::uuid AND r.relation_id IN (SELECT id FROM defs)
    )
    SELECT
      (SELECT count(*) FROM own)::int AS entities,
      (SELECT count(*) FROM links)::int AS relations,
      (SELECT count(*) FROM defs)::int AS relation_definitions,
      (SELECT count(*) FROM scorecards WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId})::int AS scorecards,
      (SELECT count(*) FROM actions WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId})::int AS actions,
      (SELECT count(*) FROM integration_mappings WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId})::int AS integration_mappings`;
}

export type DeleteImpactRow = {
  entities: number;
  relations: number;
  relation_definitions: number;
  scorecards: number;
  actions: number;
  integration_mappings: number;
};
export const deleteImpactRow = rowDecoderFor<DeleteImpactRow>()({
  entities: 'int',
  relations: 'int',
  relation_definitions: 'int',
  scorecards: 'int',
  actions: 'int',
  integration_mappings: 'int',
});
