import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the automation writes: the row lock an If-Match is checked under. Values are
// parameters; the statement leads with team_id.

/** Locks one automation until the transaction ends (unique key (team_id, identifier)). */
export function lockAutomationSql(teamId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, version FROM automations
    WHERE team_id = ${teamId}::uuid AND identifier = ${identifier} FOR UPDATE`;
}
export const lockedAutomationRow = rowDecoder({ id: 'text', version: 'int' });
