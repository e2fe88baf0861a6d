import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The blueprint an entity request validates against, by primary key (team_id, id): read plainly
// for reads, FOR SHARE inside the transaction that writes entities (load-blueprint.ts says why).

export function blueprintSchemaSql(teamId: string, blueprintId: string, options: { forShare?: boolean } = {}): Prisma.Sql {
  const lock = options.forShare ? Prisma.sql`FOR SHARE` : Prisma.empty;
  return Prisma.sql`SELECT uid::text AS uid, version, schema FROM blueprints WHERE team_id = ${teamId}::uuid AND id = ${blueprintId} ${lock}`;
}

export const blueprintSchemaRow = rowDecoder({ uid: 'text', version: 'int', schema: 'json' });
