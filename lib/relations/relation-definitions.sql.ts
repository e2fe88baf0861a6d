import { queryRows, type Db } from '@/lib/db/prisma';
import { Prisma } from '@/lib/generated/prisma/client';
import type { RelationDef, RelationType } from './relation-types';

// Reading relation definitions: by source blueprint, for one or many blueprints in ONE query
// (the unique key (team_id, source_blueprint_id, identifier) serves it), and for a search's
// relation hops.

type Row = { uuid: string; id: string; title: string | null; source: string; target: string; type: string; required: boolean };

const select = Prisma.sql`SELECT id::text AS uuid, identifier AS id, title, source_blueprint_id AS source,
  target_blueprint_id AS target, relation_type AS type, required FROM blueprint_relations`;

const toDef = (r: Row): RelationDef => ({ ...r, type: r.type as RelationType });

/** The definitions whose source is one of `blueprintIds`. */
export async function loadRelationDefs(db: Db | Prisma.TransactionClient, teamId: string, blueprintIds: string[]): Promise<RelationDef[]> {
  if (blueprintIds.length === 0) return [];
  const rows = await queryRows<Row>(
    db,
    Prisma.sql`${select} WHERE team_id = ${teamId}::uuid AND source_blueprint_id = ANY(${blueprintIds}::text[]) ORDER BY source_blueprint_id, identifier`,
  );
  return rows.map(toDef);
}

/** The same inside a transaction (its own snapshot, not the pool's). */
export async function loadRelationDefsTx(tx: Prisma.TransactionClient, teamId: string, blueprintId: string): Promise<RelationDef[]> {
  const rows = await tx.$queryRaw<Row[]>(Prisma.sql`${select} WHERE team_id = ${teamId}::uuid AND source_blueprint_id = ${blueprintId} ORDER BY identifier`);
  return rows.map(toDef);
}

/** Groups definitions by source blueprint. */
export function bySource(defs: RelationDef[]): Map<string, RelationDef[]> {
  const map = new Map<string, RelationDef[]>();
  for (const d of defs) map.set(d.source, [...(map.get(d.source) ?? []), d]);
  return map;
}
