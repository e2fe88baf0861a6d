import { DEFAULT_ROLES } from '@/lib/authz/permissions';
import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * Creates a team with its three default roles and makes `ownerId` its admin, inside the caller's
 * transaction (so a failure leaves no half-made team).
 */
export async function insertTeamWithDefaultRoles(tx: Prisma.TransactionClient, input: { name: string; slug: string; ownerId: string }) {
  const team = await tx.team.create({ data: { name: input.name, slug: input.slug } });
  // One millisecond apart, so lists ordered by creation show admin, editor, viewer in that order.
  const now = Date.now();
  await tx.role.createMany({
    data: DEFAULT_ROLES.map((r, i) => ({
      createdAt: new Date(now + i),
      teamId: team.id,
      name: r.name,
      description: r.description,
      permissions: r.permissions,
      isDefault: true,
    })),
  });
  const admin = await tx.role.findUniqueOrThrow({ where: { teamId_name: { teamId: team.id, name: 'admin' } } });
  await tx.teamMembership.create({ data: { teamId: team.id, userId: input.ownerId, roleId: admin.id } });
  return team;
}
