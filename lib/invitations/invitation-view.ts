import type { Prisma } from '@/lib/generated/prisma/client';

// How an invitation reads in the API and on the pages, and the one rule for its state:
// pending = not accepted, not revoked, not expired (migration 0028).

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export type InvitationView = {
  id: string;
  email: string;
  role: { id: string; name: string };
  invited_by: { id: string; name: string | null; email: string } | null;
  created_at: string;
  expires_at: string;
  status: InvitationState;
};

export const INVITATION_SELECT = {
  id: true,
  teamId: true,
  email: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  role: { select: { id: true, name: true, permissions: true } },
  inviter: { select: { id: true, name: true, email: true } },
} as const;

export type InvitationRow = Prisma.TeamInvitationGetPayload<{ select: typeof INVITATION_SELECT }>;

export function stateOf(row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = new Date()): InvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

/** The `where` of pending invitations (served by idx_team_invitations_open). */
export const pendingWhere = (teamId: string, now = new Date()) => ({ teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

export function invitationView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: { id: row.role.id, name: row.role.name },
    invited_by: row.inviter,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    status: stateOf(row),
  };
}

/** Emails are compared as users' are (users_email_key is on lower(email)): trimmed, lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** "a…@example.com": enough for its owner to recognise, shown to someone signed in as another. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '…' : `${email[0]}…${email.slice(at)}`;
}
