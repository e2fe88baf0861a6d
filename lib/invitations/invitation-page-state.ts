import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/prisma';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import { findInvitationLink, refusalOf, unknownInvitation, wrongEmail, type InvitationLink } from './accept-invitation';
import { normaliseEmail } from './invitation-view';

// What the page /invite/{token} shows, decided here (the page only draws it): the same refusals,
// in the same words, as POST /api/v1/invitations/accept answers.

export type InvitationPageState =
  | { kind: 'refused'; reason: keyof typeof TITLES; title: string; message: string; team: InvitationLink['team'] | null }
  | { kind: 'member'; link: InvitationLink }
  | { kind: 'join'; link: InvitationLink }
  | { kind: 'signed_out'; link: InvitationLink; hasAccount: boolean };

const TITLES = {
  invitation_unknown: 'This invitation link is not valid',
  invitation_used: 'This invitation was already used',
  invitation_revoked: 'This invitation was revoked',
  invitation_expired: 'This invitation has expired',
  wrong_email: 'This invitation is for someone else',
} as const;

const refused = (reason: keyof typeof TITLES, message: string, team: InvitationLink['team'] | null): InvitationPageState => ({
  kind: 'refused',
  reason,
  title: TITLES[reason],
  message,
  team,
});

export async function invitationPageState(db: Db, token: string, actor: Actor | null): Promise<InvitationPageState> {
  const link = await findInvitationLink(db, token);
  if (!link) return refused('invitation_unknown', unknownInvitation().message, null);
  const closed = refusalOf(link.state);
  if (closed) {
    const reason = (closed.details as { reason: keyof typeof TITLES }).reason;
    return refused(reason, closed.message, link.team);
  }
  if (!actor || actor.kind !== 'user') return { kind: 'signed_out', link, hasAccount: (await findUserByEmail(db, link.email)) !== null };
  if (normaliseEmail(actor.email) !== link.email) return refused('wrong_email', wrongEmail(link.email, actor.email).message, link.team);
  const member = await db.teamMembership.findUnique({
    where: { teamId_userId: { teamId: link.team.id, userId: actor.userId } },
    select: { id: true },
  });
  return member ? { kind: 'member', link } : { kind: 'join', link };
}
