import { requirePermission, requireMember, type TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Permission } from '@/lib/authz/permissions';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { assertManagerRemains, lockTeamForMembership, manages } from '@/lib/members/keep-a-manager';

// Roles: the three defaults (read-only: everyone relies on what admin, editor and viewer mean)
// and custom roles made of ticked permissions. A role someone holds cannot be deleted. Taking
// team:manage out of a role is refused when its holders are the team's only managers; the change
// locks the team row like member changes do (lib/members/keep-a-manager.ts).

export type RoleView = {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  is_default: boolean;
  member_count: number;
  created_at: string;
};

type RoleRow = { id: string; name: string; description: string | null; permissions: Prisma.JsonValue; isDefault: boolean; createdAt: Date };

function view(role: RoleRow, memberCount: number): RoleView {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: role.permissions as string[],
    is_default: role.isDefault,
    member_count: memberCount,
    created_at: role.createdAt.toISOString(),
  };
}

async function memberCounts(db: Db | Prisma.TransactionClient, teamId: string, roleIds: string[]) {
  const groups = await db.teamMembership.groupBy({ by: ['roleId'], where: { teamId, roleId: { in: roleIds } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.roleId, g._count._all]));
}

export async function listRoles(db: Db, ctx: TeamContext, page: PageParams) {
  requireMember(ctx);
  const rows = await db.role.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  const counts = await memberCounts(
    db,
    ctx.team.id,
    items.map((r) => r.id),
  );
  return { roles: items.map((r) => view(r, counts.get(r.id) ?? 0)), next_cursor: nextCursor };
}

async function customRoleOrThrow(tx: Prisma.TransactionClient, ctx: TeamContext, roleId: string) {
  const role = await tx.role.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id: roleId } } });
  if (!role) throw new AppError('not_found', 'role not found');
  if (role.isDefault)
    throw new AppError('conflict', `"${role.name}" is a default role and cannot be changed or deleted`, { reason: 'default_role' });
  return role;
}

function uniqueSorted(permissions: Permission[]): Permission[] {
  return [...new Set(permissions)].sort();
}

/**
 * Refuses a name another role of the team already has, compared without case: "Admin" next to
 * the built-in "admin" would read as the same role in every list. (Two concurrent creates of
 * "Ops" and "ops" can both pass; the unique key still stops exact repeats.)
 */
async function assertNameFree(tx: Prisma.TransactionClient, teamId: string, name: string, exceptId?: string): Promise<void> {
  const taken = await tx.role.findFirst({
    where: { teamId, name: { equals: name, mode: 'insensitive' }, ...(exceptId && { NOT: { id: exceptId } }) },
    select: { name: true, isDefault: true },
  });
  if (!taken) return;
  throw new AppError(
    'conflict',
    taken.isDefault
      ? `"${name}" is the name of the built-in role "${taken.name}": choose another name`
      : `a role named "${taken.name}" exists (names are compared without case)`,
    { reason: 'already_exists' },
  );
}

export async function createRole(
  db: Db,
  ctx: TeamContext,
  input: { name: string; description?: string; permissions: Permission[] },
): Promise<RoleView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, ctx.team.id, input.name);
    const role = await tx.role.create({
      data: { teamId: ctx.team.id, name: input.name, description: input.description ?? null, permissions: uniqueSorted(input.permissions) },
    });
    await writeAudit(tx, ctx, {
      action: 'role.created',
      entityType: 'role',
      entityId: role.id,
      newData: { name: role.name, description: role.description, permissions: role.permissions },
    });
    return view(role, 0);
  });
}

export async function updateRole(
  db: Db,
  ctx: TeamContext,
  roleId: string,
  input: { name?: string; description?: string | null; permissions?: Permission[] },
): Promise<RoleView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    await lockTeamForMembership(tx, ctx.team.id);
    const before = await customRoleOrThrow(tx, ctx, roleId);
    if (input.permissions !== undefined && manages(before.permissions) && !manages(input.permissions)) {
      await assertManagerRemains(tx, ctx.team.id, { roleId });
    }
    if (input.name && input.name !== before.name) await assertNameFree(tx, ctx.team.id, input.name, roleId);
    const after = await tx.role.update({
      where: { teamId_id: { teamId: ctx.team.id, id: roleId } },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.permissions !== undefined && { permissions: uniqueSorted(input.permissions) }),
        updatedAt: new Date(),
      },
    });
    await writeAudit(tx, ctx, {
      action: 'role.updated',
      entityType: 'role',
      entityId: roleId,
      oldData: { name: before.name, description: before.description, permissions: before.permissions },
      newData: { name: after.name, description: after.description, permissions: after.permissions },
    });
    const counts = await memberCounts(tx, ctx.team.id, [roleId]);
    return view(after, counts.get(roleId) ?? 0);
  });
}

export async function deleteRole(db: Db, ctx: TeamContext, roleId: string): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.$transaction(async (tx) => {
    // Locked like member changes: nobody can be given this role while it is being deleted.
    await lockTeamForMembership(tx, ctx.team.id);
    const role = await customRoleOrThrow(tx, ctx, roleId);
    const inUse = (await memberCounts(tx, ctx.team.id, [roleId])).get(roleId) ?? 0;
    if (inUse > 0)
      throw new AppError('conflict', `the role "${role.name}" is held by ${inUse} member(s): give them another role first`, {
        reason: 'in_use',
      });
    // The mappings' foreign key would refuse too (RESTRICT), as a bare 500: say it in words.
    const mapped = await tx.teamGroupMapping.count({ where: { teamId: ctx.team.id, roleId } });
    if (mapped > 0)
      throw new AppError('conflict', `the role "${role.name}" is given by ${mapped} group mapping(s): delete them first`, {
        reason: 'in_use',
      });
    await tx.role.delete({ where: { teamId_id: { teamId: ctx.team.id, id: roleId } } });
    await writeAudit(tx, ctx, {
      action: 'role.deleted',
      entityType: 'role',
      entityId: roleId,
      oldData: { name: role.name, permissions: role.permissions },
    });
  });
}
