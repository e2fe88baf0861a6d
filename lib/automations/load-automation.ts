import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { lockAutomationSql, lockedAutomationRow } from './automations.sql';
import { WITH_ACTION, type AutomationRow } from './automation-view';

// One automation looked up through the team of the URL (another team's is a 404 like a missing
// one). Internal to the automation services, after their permission check.

const notFound = (identifier: string) => new AppError('not_found', `automation "${identifier}" not found`);

export async function findAutomationOrThrow(
  db: Db | Prisma.TransactionClient,
  ctx: TeamContext,
  identifier: string,
): Promise<AutomationRow> {
  const row = await db.automation.findUnique({ where: { teamId_identifier: { teamId: ctx.team.id, identifier } }, include: WITH_ACTION });
  if (!row) throw notFound(identifier);
  return row;
}

/** The automation locked until the transaction ends, its version checked against `ifMatch` (409 stale_version). */
export async function lockAutomationOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  identifier: string,
  ifMatch?: number[],
): Promise<AutomationRow> {
  const [locked] = await runSql(tx, lockAutomationSql(ctx.team.id, identifier), lockedAutomationRow);
  if (!locked) throw notFound(identifier);
  if (ifMatch && !ifMatch.includes(locked.version)) {
    throw new AppError(
      'conflict',
      `automation "${identifier}" has changed (it is at version ${locked.version}): reload it and apply your change again`,
      { reason: 'stale_version', version: locked.version },
    );
  }
  return findAutomationOrThrow(tx, ctx, identifier);
}
