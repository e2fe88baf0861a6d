import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { DataFault } from '@/lib/validation/blueprint-validator';
import { existingGroupIdentifiersSql, groupIdentifierRow, userGroupIdentifiersSql } from './groups.sql';

// Entities' owners are identifiers of the team's groups. A write checks every owner it was sent
// with ONE statement per request or batch (issue 18: nothing per row on the write path); an
// unknown one is a 422 naming the value, under /owners/<index>.

/** The groups of the team among `lists`' owners (one query for all of them; none when no owners are named). */
export async function knownGroups(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  lists: ReadonlyArray<readonly string[] | undefined>,
): Promise<ReadonlySet<string>> {
  const wanted = [...new Set(lists.flatMap((l) => l ?? []))];
  if (wanted.length === 0) return new Set();
  const rows = await runSql(db, existingGroupIdentifiersSql(teamId, wanted), groupIdentifierRow);
  return new Set(rows.map((r) => r.identifier));
}

/** One fault per owner that is not a group of the team. */
export function ownerFaults(owners: readonly string[] | undefined, known: ReadonlySet<string>): DataFault[] {
  return (owners ?? []).flatMap((o, i) =>
    known.has(o) ? [] : [{ path: `/owners/${i}`, message: `there is no group "${o}" in this team` }],
  );
}

/**
 * The identifiers of the caller's groups in the team: the search's `{"context": "userGroups"}`.
 * An API key or the system has no person, so no groups (an empty list: such a filter matches nothing).
 */
export async function callerGroups(db: Db | Prisma.TransactionClient, ctx: TeamContext): Promise<string[]> {
  if (ctx.actor.kind !== 'user') return [];
  const rows = await runSql(db, userGroupIdentifiersSql(ctx.team.id, ctx.actor.userId), groupIdentifierRow);
  return rows.map((r) => r.identifier);
}
