import { execSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { lockTeamSql } from './members.sql';

// The team always keeps at least one member who holds team:manage (API.md), whichever way the
// change comes: a member's role, a member's removal, a role's permissions, a role's deletion.
// Every such change first locks the team row (lockTeamForMembership), so two changes that would
// each leave one manager cannot both pass the check: the second waits, then sees the first.

export const manages = (permissions: unknown) => Array.isArray(permissions) && permissions.includes('team:manage');

export async function lockTeamForMembership(tx: Prisma.TransactionClient, teamId: string): Promise<void> {
  await execSql(tx, lockTeamSql(teamId));
}

/**
 * 409 `last_manager` unless a member other than `except.userId`, through a role other than
 * `except.roleId`, holds team:manage. Call it after lockTeamForMembership, in the same transaction.
 */
export async function assertManagerRemains(
  tx: Prisma.TransactionClient,
  teamId: string,
  except: { userId?: string; roleId?: string },
): Promise<void> {
  const others = await tx.teamMembership.findMany({
    where: { teamId, ...(except.userId && { userId: { not: except.userId } }), ...(except.roleId && { roleId: { not: except.roleId } }) },
    select: { role: { select: { permissions: true } } },
  });
  if (!others.some((m) => manages(m.role.permissions))) {
    throw new AppError(
      'conflict',
      'the team would be left without a member holding team:manage (its last admin): make someone else an admin first',
      {
        reason: 'last_manager',
      },
    );
  }
}
