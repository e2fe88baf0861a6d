import { requirePermission, requireMember, type TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { findUserByEmail } from '@/lib/users/find-user-by-email';

// Members: add an existing user by email with a role, change a role, remove. The team always
// keeps at least one member who can manage it (holds team:manage): the last one can be neither
// removed nor demoted. Membership changes lock the team row, so two admins demoting each other
// at the same moment cannot both succeed.

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
  return { user_id: m.user.id, email: m.user.email, name: m.user.name, status: m.user.status, role: { id: m.role.id, name: m.role.name }, joined_at: m.createdAt.toISOString() };
}

const manages = (permissions: unknown) => Array.isArray(permissions) && permissions.includes('team:manage');

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

async function roleByName(tx: Prisma.TransactionClient, teamId: string, name: string) {
  const role = await tx.role.findUnique({ where: { teamId_name: { teamId, name } }, select: { id: true, name: true, permissions: true } });
  if (!role) throw new AppError('validation_failed', `there is no role "${name}" in this team`, [{ path: '/role', message: 'unknown role' }]);
  return role;
}

async function memberOrThrow(tx: Prisma.TransactionClient, teamId: string, userId: string) {
  const member = await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId } }, select: MEMBER_SELECT });
  if (!member) throw new AppError('not_found', 'member not found');
  return member;
}

async function lockTeam(tx: Prisma.TransactionClient, teamId: string) {
  await tx.$executeRaw`SELECT 1 FROM teams WHERE id = ${teamId}::uuid FOR UPDATE`;
}

async function assertAnotherManagerRemains(tx: Prisma.TransactionClient, teamId: string, exceptUserId: string) {
  const others = await tx.teamMembership.findMany({
    where: { teamId, userId: { not: exceptUserId } },
    select: { role: { select: { permissions: true } } },
  });
  if (!others.some((m) => manages(m.role.permissions))) {
    throw new AppError('conflict', 'this is the last admin of the team: make someone else an admin first');
  }
}

export async function addMember(db: Db, ctx: TeamContext, input: { email: string; role: string }): Promise<MemberView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    if (!user) throw new AppError('not_found', `no account uses ${input.email}: ask them to register first`);
    const role = await roleByName(tx, ctx.team.id, input.role);
    if (await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId: ctx.team.id, userId: user.id } }, select: { id: true } })) {
      throw new AppError('conflict', `${user.email} is already a member`);
    }
    const created = await tx.teamMembership.create({ data: { teamId: ctx.team.id, userId: user.id, roleId: role.id }, select: MEMBER_SELECT });
    await writeAudit(tx, ctx, { action: 'member.added', entityType: 'member', entityId: user.id, newData: { email: user.email, role: role.name } });
    return view(created);
  });
}

export async function changeMemberRole(db: Db, ctx: TeamContext, userId: string, input: { role: string }): Promise<MemberView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    await lockTeam(tx, ctx.team.id);
    const member = await memberOrThrow(tx, ctx.team.id, userId);
    const role = await roleByName(tx, ctx.team.id, input.role);
    if (manages(member.role.permissions) && !manages(role.permissions)) await assertAnotherManagerRemains(tx, ctx.team.id, userId);
    const updated = await tx.teamMembership.update({ where: { teamId_id: { teamId: ctx.team.id, id: member.id } }, data: { roleId: role.id }, select: MEMBER_SELECT });
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

export async function removeMember(db: Db, ctx: TeamContext, userId: string): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.$transaction(async (tx) => {
    await lockTeam(tx, ctx.team.id);
    const member = await memberOrThrow(tx, ctx.team.id, userId);
    if (manages(member.role.permissions)) await assertAnotherManagerRemains(tx, ctx.team.id, userId);
    // API.md: a key whose creator left keeps only its own list and never gains any. Its list is
    // capped by the creator's role while they are a member; freeze that cap into the list now,
    // or a key narrowed by a demotion would regain its old permissions when its creator leaves.
    await tx.$executeRaw`
      UPDATE api_keys SET permissions = (
        SELECT coalesce(jsonb_agg(p ORDER BY p), '[]'::jsonb)
          FROM jsonb_array_elements_text(permissions) AS p
         WHERE ${JSON.stringify(member.role.permissions)}::jsonb ? p)
       WHERE team_id = ${ctx.team.id}::uuid AND user_id = ${userId}::uuid`;
    await tx.teamMembership.delete({ where: { teamId_id: { teamId: ctx.team.id, id: member.id } } });
    await writeAudit(tx, ctx, { action: 'member.removed', entityType: 'member', entityId: userId, oldData: { email: member.user.email, role: member.role.name } });
  });
}
