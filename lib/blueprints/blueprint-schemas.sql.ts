import { rowDecoder } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';

const schemaRow = rowDecoder({ id: 'text', schema: 'json' });

/** The schemas of some of a team's blueprints, in one query (ids the team lacks are absent). */
export async function loadBlueprintSchemas(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  ids: string[],
): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await runSql(
    db,
    Prisma.sql`SELECT id, schema FROM blueprints WHERE team_id = ${teamId}::uuid AND id = ANY(${ids}::text[])`,
    schemaRow,
  );
  return new Map(rows.map((r) => [r.id, r.schema]));
}
