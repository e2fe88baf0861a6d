import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { GroupMappingInput } from './schemas';

// A team's group mappings: "members of the identity provider's group G get role R here", applied
// at each single sign-on (sync-group-memberships.ts). Admins only (team:manage): a mapping hands
// out roles, admin included, so it is as powerful as adding members.

export type GroupMappingView = { id: string; group: string; role: { id: string; name: string }; created_at: string };

const SELECT = { id: true, groupName: true, createdAt: true, role: { select: { id: true, name: true } } } as const;

const view = (m: { id: string; groupName: string; createdAt: Date; role: { id: string; name: string } }): GroupMappingView => ({
  id: m.id,
  group: m.groupName,
  role: m.role,
  created_at: m.createdAt.toISOString(),
});

/** At most this many per team: each sign-in reads the mappings of the person's groups. */
export const MAX_GROUP_MAPPINGS = 200;

export async function listGroupMappings(db: Db, ctx: TeamContext): Promise<{ group_mappings: GroupMappingView[] }> {
  requirePermission(ctx, 'team:manage');
  const rows = await db.teamGroupMapping.findMany({ where: { teamId: ctx.team.id }, orderBy: [{ groupName: 'asc' }], select: SELECT });
  return { group_mappings: rows.map(view) };
}

export async function createGroupMapping(db: Db, ctx: TeamContext, input: GroupMappingInput): Promise<GroupMappingView> {
  requirePermission(ctx, 'team:manage');
  const group = input.group.trim();
  return db.$transaction(async (tx) => {
    const role = await tx.role.findUnique({
      where: { teamId_name: { teamId: ctx.team.id, name: input.role } },
      select: { id: true, name: true },
    });
    if (!role)
      throw new AppError('validation_failed', `there is no role "${input.role}" in this team`, [
        { path: '/role', message: 'unknown role' },
      ]);
    if ((await tx.teamGroupMapping.count({ where: { teamId: ctx.team.id } })) >= MAX_GROUP_MAPPINGS) {
      throw new AppError('conflict', `a team has at most ${MAX_GROUP_MAPPINGS} group mappings`, { reason: 'limit_reached' });
    }
    if (
      await tx.teamGroupMapping.findUnique({ where: { teamId_groupName: { teamId: ctx.team.id, groupName: group } }, select: { id: true } })
    ) {
      throw new AppError('conflict', `the group "${group}" is already mapped: delete its mapping first`, { reason: 'already_exists' });
    }
    const created = await tx.teamGroupMapping.create({ data: { teamId: ctx.team.id, groupName: group, roleId: role.id }, select: SELECT });
    await writeAudit(tx, ctx, {
      action: 'group_mapping.created',
      entityType: 'group_mapping',
      entityId: created.id,
      newData: { group, role: role.name },
    });
    return view(created);
  });
}

/**
 * Deletes the mapping. Members it brought in stay until their next sign-in, which then applies
 * the remaining mappings (and removes them from the team when none of their groups is mapped).
 */
export async function deleteGroupMapping(db: Db, ctx: TeamContext, mappingId: string): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.$transaction(async (tx) => {
    const mapping = await tx.teamGroupMapping.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id: mappingId } }, select: SELECT });
    if (!mapping) throw new AppError('not_found', 'group mapping not found');
    await tx.teamGroupMapping.delete({ where: { teamId_id: { teamId: ctx.team.id, id: mappingId } } });
    await writeAudit(tx, ctx, {
      action: 'group_mapping.deleted',
      entityType: 'group_mapping',
      entityId: mappingId,
      oldData: { group: mapping.groupName, role: mapping.role.name },
    });
  });
}
