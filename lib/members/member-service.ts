import { requirePermission, requireMember, type TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import { assertManagerRemains, lockTeamForMembership, manages } from './keep-a-manager';
import { liveKeysOfMember, revokeKeysOfMember, type RevokedKeyView } from './revoke-member-keys';

// Members: add an existing user by email with a role, change a role, remove. The team always
// keeps at least one member who can manage it (holds team:manage): the last one can be neither
// removed nor demoted. Membership changes lock the team row, so two admins demoting each other
// at the same moment cannot both succeed. Removing a member revokes the API keys they made in
// the team, in the same transaction (API.md): a removed admin's key must not re-add its creator.

export type MemberView = {
  user_id: string;
  email: string;
  name: string | null;
  status: string;
  role: { id: string; name: string };
  joined_at: string;
};

const MEMBER_SELECT = {
  id: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true, status: true } },
  role: { select: { id: true, name: true, permissions: true } },
} as const;

type MemberRow = Prisma.TeamMembershipGetPayload<{ select: typeof MEMBER_SELECT }>;

function view(m: MemberRow): MemberView {
  return {
    user_id: m.user.id,
    email: m.user.email,
    name: m.user.name,
    status: m.user.status,
    role: { id: m.role.id, name: m.role.name },
    joined_at: m.createdAt.toISOString(),
  };
}

export async function listMembers(db: Db, ctx: TeamContext, page: PageParams) {
  requireMember(ctx);
  const rows = await db.teamMembership.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    select: MEMBER_SELECT,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { members: items.map(view), next_cursor: nextCursor };
}

/** The team's role of that name, or 422 naming the field (also how invitations name a role). */
export async function roleByName(tx: Prisma.TransactionClient, teamId: string, name: string) {
  const role = await tx.role.findUnique({ where: { teamId_name: { teamId, name } }, select: { id: true, name: true, permissions: true } });
  if (!role)
    throw new AppError('validation_failed', `there is no role "${name}" in this team`, [{ path: '/role', message: 'unknown role' }]);
  return role;
}

async function memberOrThrow(tx: Prisma.TransactionClient, teamId: string, userId: string) {
  const member = await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: MEMBER_SELECT });
  if (!member) throw new AppError('not_found', 'member not found');
  return member;
}

export async function addMember(db: Db, ctx: TeamContext, input: { email: string; role: string }): Promise<MemberView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    if (!user) throw new AppError('not_found', `no account uses ${input.email}: ask them to register first`);
    const role = await roleByName(tx, ctx.team.id, input.role);
    if (await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId: ctx.team.id, userId: user.id } }, select: { id: true } })) {
      throw new AppError('conflict', `${user.email} is already a member`, { reason: 'already_exists' });
    }
    const created = await tx.teamMembership.create({
      data: { teamId: ctx.team.id, userId: user.id, roleId: role.id },
      select: MEMBER_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: 'member.added',
      entityType: 'member',
      entityId: user.id,
      newData: { email: user.email, role: role.name },
    });
    return view(created);
  });
}

export async function changeMemberRole(db: Db, ctx: TeamContext, userId: string, input: { role: string }): Promise<MemberView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    await lockTeamForMembership(tx, ctx.team.id);
    const member = await memberOrThrow(tx, ctx.team.id, userId);
    const role = await roleByName(tx, ctx.team.id, input.role);
    if (manages(member.role.permissions) && !manages(role.permissions)) await assertManagerRemains(tx, ctx.team.id, { userId });
    const updated = await tx.teamMembership.update({
      where: { teamId_id: { teamId: ctx.team.id, id: member.id } },
      // An admin's hand on the role takes the membership over from the group mappings (lib/group-mappings).
      data: { roleId: role.id, managedByGroups: false },
      select: MEMBER_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: 'member.role_changed',
      entityType: 'member',
      entityId: userId,
      oldData: { email: member.user.email, role: member.role.name },
      newData: { email: member.user.email, role: role.name },
    });
    return view(updated);
  });
}

export type { RevokedKeyView } from './revoke-member-keys';

/**
 * Removes the member and revokes the API keys they made in this team (each audited). With
 * `dryRun`, checks the same rules and answers the keys it would revoke, changing nothing: the
 * remove dialog lists them before the admin confirms.
 */
export async function removeMember(
  db: Db,
  ctx: TeamContext,
  userId: string,
  options: { dryRun?: boolean } = {},
): Promise<{ revoked_api_keys: RevokedKeyView[] }> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    await lockTeamForMembership(tx, ctx.team.id);
    const member = await memberOrThrow(tx, ctx.team.id, userId);
    if (manages(member.role.permissions)) await assertManagerRemains(tx, ctx.team.id, { userId });
    const revoked = await liveKeysOfMember(tx, ctx.team.id, userId);
    if (options.dryRun) return { revoked_api_keys: revoked };
    await revokeKeysOfMember(tx, ctx, revoked, member.user.email);
    await tx.teamMembership.delete({ where: { teamId_id: { teamId: ctx.team.id, id: member.id } } });
    await writeAudit(tx, ctx, {
      action: 'member.removed',
      entityType: 'member',
      entityId: userId,
      oldData: { email: member.user.email, role: member.role.name },
      ...(revoked.length > 0 && { newData: { revoked_api_keys: revoked.map((k) => k.id) } }),
    });
    return { revoked_api_keys: revoked };
  });
}
