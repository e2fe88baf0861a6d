import { Prisma } from '@/lib/generated/prisma/client';
import { rowDecoder } from './decode-row';

// Per-team quotas (at most N actions, integrations, ...) are checked by counting rows in the
// writing transaction. Two creates at once would both count N-1 and both insert: each first takes
// this transaction-scoped advisory lock, one per (team, kind of thing), so the second counts after
// the first commits. Nothing else waits on it (no row is locked).

export const quotaLockRow = rowDecoder({ locked: 'int' });

export function lockTeamQuotaSql(teamId: string, kind: string): Prisma.Sql {
  return Prisma.sql`SELECT count(pg_advisory_xact_lock(hashtextextended(${`quota:${kind}:${teamId}`}, 0)))::int AS locked`;
}
