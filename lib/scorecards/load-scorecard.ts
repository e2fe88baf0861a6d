import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { lockedScorecardRow, lockScorecardSql } from './scorecards.sql';
import type { ScorecardRow } from './scorecard-view';

// One scorecard looked up through its parents from the URL (team, blueprint, identifier): another
// team's or another blueprint's is a 404 like a missing one. Internal to the scorecard services,
// after their permission check (they take the team's id, not a context).

export const scorecardNotFound = (blueprintId: string, identifier: string) =>
  new AppError('not_found', `scorecard "${identifier}" of blueprint "${blueprintId}" not found`);

const withRules = { rules: { orderBy: { position: 'asc' as const } } };

export async function findScorecardOrThrow(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  blueprintId: string,
  identifier: string,
): Promise<ScorecardRow> {
  const row = await db.scorecard.findUnique({
    where: { teamId_blueprintId_identifier: { teamId, blueprintId, identifier } },
    include: withRules,
  });
  if (!row) throw scorecardNotFound(blueprintId, identifier);
  return row;
}

/** The scorecard locked until the transaction ends, its version checked against `ifMatch` (409 stale_version). */
export async function lockScorecardOrThrow(
  tx: Prisma.TransactionClient,
  teamId: string,
  blueprintId: string,
  identifier: string,
  ifMatch?: number[],
): Promise<ScorecardRow> {
  const [locked] = await runSql(tx, lockScorecardSql(teamId, blueprintId, identifier), lockedScorecardRow);
  if (!locked) throw scorecardNotFound(blueprintId, identifier);
  if (ifMatch && !ifMatch.includes(locked.version)) {
    throw new AppError(
      'conflict',
      `scorecard "${identifier}" has changed (it is at version ${locked.version}): reload it and apply your change again`,
      { reason: 'stale_version', version: locked.version },
    );
  }
  return findScorecardOrThrow(tx, teamId, blueprintId, identifier);
}
