import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the member service (the rest goes through Prisma's model API: lib/db/README.md).

/** Locks the team's row (primary key) so membership changes of one team run one at a time. */
export const lockTeamSql = (teamId: string) => Prisma.sql`SELECT 1 FROM teams WHERE id = ${teamId}::uuid FOR UPDATE`;

/**
 * Freezes a leaving member's cap into their keys' own lists: each key keeps only the permissions
 * `rolePermissions` holds (API.md: a key whose creator left never gains any). The primary key's
 * team_id prefix, then the team's few keys filtered by user_id.
 */
export function capCreatorKeysSql(teamId: string, userId: string, rolePermissions: unknown): Prisma.Sql {
  return Prisma.sql`
    UPDATE api_keys SET permissions = (
      SELECT coalesce(jsonb_agg(p ORDER BY p), '[]'::jsonb)
        FROM jsonb_array_elements_text(permissions) AS p
       WHERE ${JSON.stringify(rolePermissions)}::jsonb ? p)
     WHERE team_id = ${teamId}::uuid AND user_id = ${userId}::uuid`;
}
