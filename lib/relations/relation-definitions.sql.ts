import { rowDecoder } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';
import type { RelationDef, RelationType } from './relation-types';

// Reading relation definitions: by source blueprint, for one or many blueprints in ONE query
// (the unique key (team_id, source_blueprint_id, identifier) serves it), and for a search's
// relation hops.

const definitionRow = rowDecoder({
  uuid: 'text',
  id: 'text',
  title: 'text?',
  source: 'text',
  target: 'text',
  type: 'text',
  required: 'bool',
});
type Row = ReturnType<typeof definitionRow>;

const select = Prisma.sql`SELECT id::text AS uuid, identifier AS id, title, source_blueprint_id AS source,
  target_blueprint_id AS target, relation_type AS type, required FROM blueprint_relations`;

const toDef = (r: Row): RelationDef => ({ ...r, type: r.type as RelationType });

/** The definitions whose source is one of `blueprintIds`. */
export async function loadRelationDefs(db: Db | Prisma.TransactionClient, teamId: string, blueprintIds: string[]): Promise<RelationDef[]> {
  if (blueprintIds.length === 0) return [];
  const rows = await runSql(
    db,
    Prisma.sql`${select} WHERE team_id = ${teamId}::uuid AND source_blueprint_id = ANY(${blueprintIds}::text[]) ORDER BY source_blueprint_id, identifier`,
    definitionRow,
  );
  return rows.map(toDef);
}

/** The same inside a transaction (its own snapshot, not the pool's). */
export async function loadRelationDefsTx(tx: Prisma.TransactionClient, teamId: string, blueprintId: string): Promise<RelationDef[]> {
  const rows = await runSql(
    tx,
    Prisma.sql`${select} WHERE team_id = ${teamId}::uuid AND source_blueprint_id = ${blueprintId} ORDER BY identifier`,
    definitionRow,
  );
  return rows.map(toDef);
}

/** The team's blueprints among `ids`, read FOR KEY SHARE (a relation's target is not deleted meanwhile; primary key). */
export function lockTargetBlueprintsSql(teamId: string, ids: string[]): Prisma.Sql {
  return Prisma.sql`SELECT id FROM blueprints WHERE team_id = ${teamId}::uuid AND id = ANY(${ids}::text[]) FOR KEY SHARE`;
}
export const blueprintIdRow = rowDecoder({ id: 'text' });

/** Deletes definitions by uuid (their links go by ON DELETE CASCADE). */
export function deleteDefinitionsSql(teamId: string, uuids: string[]): Prisma.Sql {
  return Prisma.sql`DELETE FROM blueprint_relations WHERE team_id = ${teamId}::uuid AND id = ANY(${uuids}::uuid[])`;
}

/** Moves definitions to a temporary identifier ('~' + uuid), so renames that swap never meet the unique key halfway. */
export function parkDefinitionsSql(teamId: string, uuids: string[]): Prisma.Sql {
  return Prisma.sql`UPDATE blueprint_relations SET identifier = '~' || id::text WHERE team_id = ${teamId}::uuid AND id = ANY(${uuids}::uuid[])`;
}

export function renameDefinitionSql(teamId: string, uuid: string, identifier: string): Prisma.Sql {
  return Prisma.sql`UPDATE blueprint_relations SET identifier = ${identifier} WHERE team_id = ${teamId}::uuid AND id = ${uuid}::uuid`;
}

/** Inserts or updates one definition by its unique key (team_id, source_blueprint_id, identifier). */
export function upsertDefinitionSql(
  teamId: string,
  blueprintId: string,
  def: { id: string; target: string; title: string | null; type: string; required: boolean },
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier, title, relation_type, required)
    VALUES (${teamId}::uuid, ${blueprintId}, ${def.target}, ${def.id}, ${def.title}, ${def.type}, ${def.required})
    ON CONFLICT (team_id, source_blueprint_id, identifier) DO UPDATE
      SET target_blueprint_id = EXCLUDED.target_blueprint_id, title = EXCLUDED.title,
          relation_type = EXCLUDED.relation_type, required = EXCLUDED.required`;
}

/** Groups definitions by source blueprint. */
export function bySource(defs: RelationDef[]): Map<string, RelationDef[]> {
  const map = new Map<string, RelationDef[]>();
  for (const d of defs) map.set(d.source, [...(map.get(d.source) ?? []), d]);
  return map;
}
