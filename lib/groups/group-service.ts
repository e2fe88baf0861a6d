import { requireMember, requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { removeOwnerSql } from './groups.sql';
import { isGroupIdentifier, type CreateGroupInput, type UpdateGroupInput } from './schemas';

// Groups: a team's named sets of its members, which entities name as their `owners` (issue 16).
// Any member reads them; team:manage writes them (groups are part of managing who is in the
// team). The identifier is fixed: entities' owner lists hold it. Deleting a group takes it out of
// those lists in the same transaction (removeOwnerSql: one statement over the rows the group
// owned, found through the owners index).

export type GroupView = {
  id: string;
  identifier: string;
  title: string;
  description: string | null;
  member_count: number;
  created_at: string;
  updated_at: string;
};

const GROUP_SELECT = {
  id: true,
  identifier: true,
  title: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { members: true } },
} as const;

type GroupRow = Prisma.TeamGroupGetPayload<{ select: typeof GROUP_SELECT }>;

function view(g: GroupRow): GroupView {
  return {
    id: g.id,
    identifier: g.identifier,
    title: g.title,
    description: g.description,
    member_count: g._count.members,
    created_at: g.createdAt.toISOString(),
    updated_at: g.updatedAt.toISOString(),
  };
}

const groupNotFound = (identifier: string) => new AppError('not_found', `group "${identifier}" not found`);

/** The group of the URL in the caller's team (an identifier that cannot exist is a 404 too). */
export async function groupOrThrow(db: Db | Prisma.TransactionClient, ctx: TeamContext, identifier: string): Promise<GroupRow> {
  if (!isGroupIdentifier(identifier)) throw groupNotFound(identifier);
  const group = await db.teamGroup.findUnique({
    where: { teamId_identifier: { teamId: ctx.team.id, identifier } },
    select: GROUP_SELECT,
  });
  if (!group) throw groupNotFound(identifier);
  return group;
}

export async function listGroups(db: Db, ctx: TeamContext, page: PageParams) {
  requireMember(ctx);
  const rows = await db.teamGroup.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    select: GROUP_SELECT,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { groups: items.map(view), next_cursor: nextCursor };
}

export async function getGroup(db: Db, ctx: TeamContext, identifier: string): Promise<GroupView> {
  requireMember(ctx);
  return view(await groupOrThrow(db, ctx, identifier));
}

export async function createGroup(db: Db, ctx: TeamContext, input: CreateGroupInput): Promise<GroupView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    const taken = await tx.teamGroup.findUnique({
      where: { teamId_identifier: { teamId: ctx.team.id, identifier: input.identifier } },
      select: { id: true },
    });
    if (taken) throw new AppError('conflict', `a group "${input.identifier}" exists in this team`, { reason: 'already_exists' });
    // A concurrent create of the same identifier still fails on the unique key: P2002, a 409.
    const group = await tx.teamGroup.create({
      data: { teamId: ctx.team.id, identifier: input.identifier, title: input.title, description: input.description ?? null },
      select: GROUP_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: 'group.created',
      entityType: 'group',
      entityId: group.id,
      newData: { identifier: group.identifier, title: group.title, description: group.description },
    });
    return view(group);
  });
}

export async function updateGroup(db: Db, ctx: TeamContext, identifier: string, input: UpdateGroupInput): Promise<GroupView> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    const before = await groupOrThrow(tx, ctx, identifier);
    const after = await tx.teamGroup.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.id } },
      data: {
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        updatedAt: new Date(),
      },
      select: GROUP_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: 'group.updated',
      entityType: 'group',
      entityId: before.id,
      oldData: { identifier, title: before.title, description: before.description },
      newData: { identifier, title: after.title, description: after.description },
    });
    return view(after);
  });
}

/** Deletes the group and its memberships, and takes it out of every entity's owners; answers how many entities it owned. */
export async function deleteGroup(db: Db, ctx: TeamContext, identifier: string): Promise<{ owned_entities: number }> {
  requirePermission(ctx, 'team:manage');
  return db.$transaction(async (tx) => {
    const group = await groupOrThrow(tx, ctx, identifier);
    const owned = await execSql(tx, removeOwnerSql(ctx.team.id, identifier));
    await tx.teamGroup.delete({ where: { teamId_id: { teamId: ctx.team.id, id: group.id } } });
    await writeAudit(tx, ctx, {
      action: 'group.deleted',
      entityType: 'group',
      entityId: group.id,
      oldData: { identifier, title: group.title, description: group.description, member_count: group._count.members },
      newData: { removed_from_entities: owned },
    });
    return { owned_entities: owned };
  });
}
