import type { UserActor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { assertManagerRemains, lockTeamForMembership, manages } from '@/lib/members/keep-a-manager';
import { liveKeysOfMember, revokeKeysOfMember } from '@/lib/members/revoke-member-keys';
import { pickMappedRole, type MappedRole } from './pick-mapped-role';

// Just-in-time team membership from the identity provider's groups, applied at each single
// sign-on (lib/auth/sso/sso-sign-in.ts), in the sign-in's transaction. For every team that maps
// one of the person's groups, or where the mappings made them a member before:
//   - not a member, a group mapped      -> joins with the mapped role (the membership is "managed")
//   - managed member, another role now  -> the role changes
//   - managed member, no group mapped   -> leaves the team (their API keys there are revoked)
// A member an admin added by hand (or whose role an admin changed) is never touched, and the
// team's last admin is neither removed nor demoted (the change is skipped; the next sign-in tries
// again). Each change is audited as the person's own, with reason "group_mapping" and the group.

export type GroupSyncChange = { team: string; change: 'joined' | 'role_changed' | 'left' | 'kept_last_admin'; role?: string };

type Person = Pick<UserActor, 'userId' | 'email' | 'name'>;
type SignInMeta = { ip: string | null; userAgent: string | null; requestId: string };

const ROLE_SELECT = { id: true, name: true, permissions: true } as const;

function contextFor(team: { id: string; slug: string; name: string }, person: Person, meta: SignInMeta): TeamContext {
  const actor: UserActor = { kind: 'user', userId: person.userId, email: person.email, name: person.name, via: 'session' };
  // Audit only: the change is the mapping's, not a permission the person holds.
  return { ...meta, actor, team, permissions: new Set(), role: null };
}

async function lastAdminStays(tx: Prisma.TransactionClient, teamId: string, userId: string): Promise<boolean> {
  try {
    await assertManagerRemains(tx, teamId, { userId });
    return false;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return true;
    throw error;
  }
}

export async function syncGroupMemberships(
  tx: Prisma.TransactionClient,
  person: Person,
  groups: readonly string[],
  meta: SignInMeta,
): Promise<GroupSyncChange[]> {
  const mappings = groups.length
    ? await tx.teamGroupMapping.findMany({
        where: { groupName: { in: [...groups] } },
        select: { teamId: true, groupName: true, role: { select: ROLE_SELECT } },
      })
    : [];
  const managed = await tx.teamMembership.findMany({ where: { userId: person.userId, managedByGroups: true }, select: { teamId: true } });
  const teamIds = [...new Set([...mappings.map((m) => m.teamId), ...managed.map((m) => m.teamId)])].sort();
  const changes: GroupSyncChange[] = [];
  for (const teamId of teamIds) {
    // Team by team in id order: two sign-ins lock the same teams in the same order.
    await lockTeamForMembership(tx, teamId);
    const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, slug: true, name: true } });
    const candidates: MappedRole[] = mappings.filter((m) => m.teamId === teamId).map((m) => ({ ...m.role, group: m.groupName }));
    const change = await syncTeam(tx, contextFor(team, person, meta), person, pickMappedRole(candidates));
    if (change) changes.push({ team: team.slug, ...change });
  }
  return changes;
}

async function syncTeam(tx: Prisma.TransactionClient, ctx: TeamContext, person: Person, wanted: MappedRole | undefined) {
  const teamId = ctx.team.id;
  const member = await tx.teamMembership.findUnique({
    where: { teamId_userId: { teamId, userId: person.userId } },
    select: { id: true, managedByGroups: true, role: { select: ROLE_SELECT } },
  });
  const audit = { entityType: 'member' as const, entityId: person.userId };
  if (!member) {
    if (!wanted) return undefined;
    await tx.teamMembership.create({ data: { teamId, userId: person.userId, roleId: wanted.id, managedByGroups: true } });
    await writeAudit(tx, ctx, {
      ...audit,
      action: 'member.added',
      newData: { email: person.email, role: wanted.name, reason: 'group_mapping', group: wanted.group },
    });
    return { change: 'joined' as const, role: wanted.name };
  }
  if (!member.managedByGroups) return undefined; // added by hand: the admin's, not the mapping's
  if (wanted?.id === member.role.id) return undefined;
  const losesManage = manages(member.role.permissions) && !(wanted && manages(wanted.permissions));
  if (losesManage && (await lastAdminStays(tx, teamId, person.userId)))
    return { change: 'kept_last_admin' as const, role: member.role.name };
  const was = { email: person.email, role: member.role.name };
  if (wanted) {
    await tx.teamMembership.update({ where: { teamId_id: { teamId, id: member.id } }, data: { roleId: wanted.id } });
    await writeAudit(tx, ctx, {
      ...audit,
      action: 'member.role_changed',
      oldData: was,
      newData: { email: person.email, role: wanted.name, reason: 'group_mapping', group: wanted.group },
    });
    return { change: 'role_changed' as const, role: wanted.name };
  }
  const keys = await liveKeysOfMember(tx, teamId, person.userId);
  await revokeKeysOfMember(tx, ctx, keys, person.email);
  await tx.teamMembership.delete({ where: { teamId_id: { teamId, id: member.id } } });
  await writeAudit(tx, ctx, {
    ...audit,
    action: 'member.removed',
    oldData: was,
    newData: { reason: 'group_mapping', no_mapped_group: true },
  });
  return { change: 'left' as const };
}
