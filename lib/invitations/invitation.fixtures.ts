import { newInvitationToken, sha256Hex } from '@/lib/auth/secrets';
import type { Db } from '@/lib/db/prisma';
import { roleIdOf } from '@/lib/test/fixtures';

// An invitation row made directly (as createInvitation stores it), for tests that need a link in
// a given state without going through the service. Returns the link's token and the row.

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createInvitationRow(
  db: Db,
  input: { teamId: string; email: string; role?: string; expiresAt?: Date; revokedAt?: Date; invitedBy?: string },
) {
  const token = newInvitationToken();
  const expiresAt = input.expiresAt ?? new Date(Date.now() + DAY_MS);
  const row = await db.teamInvitation.create({
    data: {
      teamId: input.teamId,
      email: input.email.trim().toLowerCase(),
      roleId: await roleIdOf(db, input.teamId, input.role ?? 'viewer'),
      tokenHash: sha256Hex(token),
      // An expired one was made a day before it expired (the table wants created_at < expires_at).
      createdAt: new Date(Math.min(Date.now(), expiresAt.getTime() - DAY_MS)),
      expiresAt,
      revokedAt: input.revokedAt ?? null,
      invitedBy: input.invitedBy ?? null,
    },
  });
  return { token, row };
}
