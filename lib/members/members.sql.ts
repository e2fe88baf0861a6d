import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the member service (the rest goes through Prisma's model API: lib/db/README.md).

/** Locks the team's row (primary key) so membership changes of one team run one at a time. */
export const lockTeamSql = (teamId: string) => Prisma.sql`SELECT 1 FROM teams WHERE id = ${teamId}::uuid FOR UPDATE`;
