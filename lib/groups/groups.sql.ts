import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the groups and of entities' owners (the rest goes through Prisma's model API).

/**
 * Which of `identifiers` are groups of the team: the unique key (team_id, identifier), one probe
 * each. The entity writes check a whole request's or batch's owners with this one statement.
 */
export function existingGroupIdentifiersSql(teamId: string, identifiers: string[]): Prisma.Sql {
  return Prisma.sql`SELECT identifier FROM team_groups WHERE team_id = ${teamId}::uuid AND identifier = ANY(${identifiers}::text[])`;
}
export const groupIdentifierRow = rowDecoder({ identifier: 'text' });

/** The identifiers of the team's groups `userId` is in (idx_team_group_members_user, then the primary key). */
export function userGroupIdentifiersSql(teamId: string, userId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT g.identifier FROM team_group_members m JOIN team_groups g ON g.team_id = m.team_id AND g.id = m.group_id
     WHERE m.team_id = ${teamId}::uuid AND m.user_id = ${userId}::uuid
     ORDER BY g.identifier`;
}

/**
 * Takes a deleted group out of every owner list of the team, in one statement (the partial GIN
 * index idx_entities_owners finds the rows; it touches only entities the group owned). The
 * version moves on, so an ETag read before no longer matches. Answers how many entities changed.
 */
export function removeOwnerSql(teamId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`
    UPDATE entities SET owners = array_remove(owners, ${identifier}::text), version = version + 1, updated_at = CURRENT_TIMESTAMP
     WHERE team_id = ${teamId}::uuid AND owners <> '{}' AND owners @> ARRAY[${identifier}::text]`;
}
