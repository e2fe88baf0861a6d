import { requireMember, requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { groupOrThrow } from './group-service';
import { MAX_GROUP_MEMBERS, type AddGroupMemberInput } from './schemas';

// The people of a group: members of the team only (a foreign key to team_memberships, which also
// removes a person's group memberships when they leave the team, in that same transaction).

export type GroupMemberView = { user_id: string; email: string; name: string | null; added_at: string };

const MEMBER_SELECT = { userId: true, createdAt: true, membership: { select: { user: { select: { email: true, name: true } } } } } as const;

function view(m: { userId: string; createdAt: Date; membership: { user: { email: string; name: string | null } } }): GroupMemberView {
  return { user_id: m.userId, email: m.membership.user.email, name: m.membership.user.name, added_at: m.createdAt.toISOString() };
}

/** Every person of the group (at most MAX_GROUP_MEMBERS), by email. */
export async function listGroupMembers(db: Db, ctx: TeamContext, identifier: string): Promise<{ members: GroupMemberView[] }> {
  requireMember(ctx);
  const group = await groupOrThrow(db, ctx, identifier);
  const rows = await db.teamGroupMember.findMany({
    where: { teamId: ctx.team.id, groupId: group.id },
    orderBy: { membership: { user: { email: 'asc' } } },
    take: MAX_GROUP_MEMBERS,
    select: MEMBER_SELECT,
  });
  return { members: rows.map(view) };
}

export async function addGroupMember(db: Db, ctx: TeamContext, identifier: string, input: AddGroupMemberInput): Promise<GroupMemberView> {
  requirePermission(ctx, 'team:manage');
  const userId = input.user_id.toLowerCase();
  return db.$transaction(async (tx) => {
    const group = await groupOrThrow(tx, ctx, identifier);
    const membership = await tx.teamMembership.findUnique({
      where: { teamId_userId: { teamId: ctx.team.id, userId } },
      select: { user: { select: { email: true } } },
    });
    if (!membership)
      throw new AppError('validation_failed', 'only members of the team can be in its groups', [
        { path: '/user_id', message: `${userId} is not a member of this team` },
      ]);
    const already = await tx.teamGroupMember.findUnique({
      where: { teamId_groupId_userId: { teamId: ctx.team.id, groupId: group.id, userId } },
      select: { userId: true },
    });
    if (already)
      throw new AppError('conflict', `${membership.user.email} is already in the group "${identifier}"`, { reason: 'already_exists' });
    if (group._count.members >= MAX_GROUP_MEMBERS)
      throw new AppError('conflict', `a group holds at most ${MAX_GROUP_MEMBERS} people`, { reason: 'limit_reached' });
    const created = await tx.teamGroupMember.create({ data: { teamId: ctx.team.id, groupId: group.id, userId }, select: MEMBER_SELECT });
    await writeAudit(tx, ctx, {
      action: 'group.member_added',
      entityType: 'group',
      entityId: group.id,
      newData: { group: identifier, user_id: userId, email: membership.user.email },
    });
    return view(created);
  });
}

export async function removeGroupMember(db: Db, ctx: TeamContext, identifier: string, userId: string): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.$transaction(async (tx) => {
    const group = await groupOrThrow(tx, ctx, identifier);
    const member = await tx.teamGroupMember.findUnique({
      where: { teamId_groupId_userId: { teamId: ctx.team.id, groupId: group.id, userId } },
      select: MEMBER_SELECT,
    });
    if (!member) throw new AppError('not_found', `that person is not in the group "${identifier}"`);
    await tx.teamGroupMember.delete({ where: { teamId_groupId_userId: { teamId: ctx.team.id, groupId: group.id, userId } } });
    await writeAudit(tx, ctx, {
      action: 'group.member_removed',
      entityType: 'group',
      entityId: group.id,
      oldData: { group: identifier, user_id: userId, email: member.membership.user.email },
    });
  });
}
