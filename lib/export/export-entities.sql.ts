import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The statements of an export. Entities are read a batch at a time by keyset over
// (team_id, blueprint_id, identifier COLLATE "C"): the B-tree idx_entities_list_identifier
// (migration 0007) serves it as an index range scan that stops after `limit` rows at any depth,
// so the millionth entity costs what the first did. team_id leads every WHERE (the tenant
// boundary and the index's first column). `where` is the compiled search filter (true when the
// export has no query); the indexes serving its rules are named in lib/search/compile-where.sql.ts.

export function exportBatchSql(teamId: string, blueprintId: string, where: Prisma.Sql, after: string | null, limit: number): Prisma.Sql {
  const keyset = after === null ? Prisma.empty : Prisma.sql`AND (e.identifier COLLATE "C") > ${after}`;
  return Prisma.sql`
    SELECT e.id::text AS id, e.identifier, e.title, e.data, e.created_at AS "createdAt", e.updated_at AS "updatedAt",
           e.created_by::text AS "createdBy", e.updated_by::text AS "updatedBy"
      FROM entities e
     WHERE e.team_id = ${teamId}::uuid AND e.blueprint_id = ${blueprintId}
       ${keyset} AND ${where}
     ORDER BY (e.identifier COLLATE "C")
     LIMIT ${limit}`;
}

export const exportEntityRow = rowDecoder({
  id: 'text',
  identifier: 'text',
  title: 'text?',
  data: 'json',
  createdAt: 'date',
  updatedAt: 'date',
  createdBy: 'text?',
  updatedBy: 'text?',
});

/** The team's blueprints in id order (code points), at most `limit` (the primary key's team_id prefix). */
export function exportBlueprintsSql(teamId: string, only: string | null, limit: number): Prisma.Sql {
  const one = only === null ? Prisma.empty : Prisma.sql`AND id = ${only}`;
  return Prisma.sql`
    SELECT id, title, description, icon, schema
      FROM blueprints
     WHERE team_id = ${teamId}::uuid ${one}
     ORDER BY id COLLATE "C"
     LIMIT ${limit}`;
}

export const exportBlueprintRow = rowDecoder({ id: 'text', title: 'text', description: 'text?', icon: 'text?', schema: 'json' });
