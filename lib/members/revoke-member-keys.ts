import type { TeamContext } from '@/lib/authz/team-context';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Prisma } from '@/lib/generated/prisma/client';

// A member who leaves a team takes their API keys of the team with them (API.md): revoked in the
// removal's transaction, each audited. Shared by removeMember and the group mappings' sign-in sync.

/** A key revoked because its creator left the team. */
export type RevokedKeyView = { id: string; name: string; prefix: string };

/** The member's live keys in the team: what their removal revokes. */
export async function liveKeysOfMember(tx: Prisma.TransactionClient, teamId: string, userId: string): Promise<RevokedKeyView[]> {
  const keys = await tx.apiKey.findMany({
    where: { teamId, userId, revokedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, keyPrefix: true },
  });
  return keys.map((k) => ({ id: k.id, name: k.name, prefix: k.keyPrefix }));
}

export async function revokeKeysOfMember(tx: Prisma.TransactionClient, ctx: TeamContext, keys: RevokedKeyView[], creatorEmail: string) {
  if (keys.length === 0) return;
  await tx.apiKey.updateMany({
    where: { teamId: ctx.team.id, id: { in: keys.map((k) => k.id) }, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  for (const key of keys) {
    await writeAudit(tx, ctx, {
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: key.id,
      oldData: { name: key.name, prefix: key.prefix },
      newData: { reason: 'creator_removed', creator: creatorEmail },
    });
  }
}
