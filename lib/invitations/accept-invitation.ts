import { INVITATION_TOKEN_PATTERN, sha256Hex } from '@/lib/auth/secrets';
import { writeAudit } from '@/lib/audit/write-audit';
import type { RequestContext, TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { maskEmail, normaliseEmail, stateOf, type InvitationState } from './invitation-view';

// Following an invitation link: what the link is (for the /invite/{token} page) and joining
// through it. Joining is one transaction that claims the invitation with a conditional update, so
// of two uses racing, one joins and the other waits on the row, then finds it used.

/** What an invitation link shows before joining; the token is the only key (the link names no team). */
export type InvitationLink = {
  id: string;
  team: { id: string; slug: string; name: string };
  role: { id: string; name: string };
  email: string;
  expires_at: string;
  state: InvitationState;
};

const LINK_SELECT = {
  id: true,
  email: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  role: { select: { id: true, name: true } },
  team: { select: { id: true, slug: true, name: true } },
} as const;

type Reader = Db | Prisma.TransactionClient;

/** The invitation a token opens, or null for a token that is not one (idx_team_invitations_token). */
export async function findInvitationLink(db: Reader, token: string): Promise<InvitationLink | null> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) return null;
  const row = await db.teamInvitation.findUnique({ where: { tokenHash: sha256Hex(token) }, select: LINK_SELECT });
  if (!row) return null;
  return {
    id: row.id,
    team: row.team,
    role: row.role,
    email: row.email,
    expires_at: row.expiresAt.toISOString(),
    state: stateOf(row),
  };
}

const REFUSALS: Record<Exclude<InvitationState, 'pending'>, { reason: string; message: string }> = {
  accepted: { reason: 'invitation_used', message: 'this invitation was already used: ask a team admin for a new one' },
  revoked: { reason: 'invitation_revoked', message: 'this invitation was revoked: ask a team admin for a new one' },
  expired: { reason: 'invitation_expired', message: 'this invitation has expired: ask a team admin for a new one' },
};

/** The refusal a link that is not pending answers (API and page say the same). */
export function refusalOf(state: InvitationState): AppError | null {
  if (state === 'pending') return null;
  const { reason, message } = REFUSALS[state];
  return new AppError('conflict', message, { reason });
}

export const unknownInvitation = () =>
  new AppError('not_found', 'this invitation link is not valid: check it was copied whole, or ask a team admin for a new one', {
    reason: 'invitation_unknown',
  });

export function wrongEmail(invited: string, signedInAs: string): AppError {
  return new AppError('forbidden', `This invitation is for ${maskEmail(invited)}; you are signed in as ${signedInAs}.`, {
    reason: 'wrong_email',
  });
}

/**
 * Joins the team of the invitation `token` opens, as the signed-in person it was sent to, with its
 * role. 404 unknown link; 409 used, revoked or expired (`details.reason`); 403 another email; 409
 * `already_member`, which leaves the invitation pending.
 */
export async function acceptInvitation(
  db: Db,
  ctx: RequestContext,
  token: string,
): Promise<{ team: { slug: string; name: string }; role: string }> {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw new AppError('forbidden', 'only a person may accept an invitation');
  if (actor.limits) throw new AppError('forbidden', 'a personal access token reaches only its own teams and cannot join another');
  return db.$transaction(async (tx) => {
    const link = await findInvitationLink(tx, token);
    if (!link) throw unknownInvitation();
    const refused = refusalOf(link.state);
    if (refused) throw refused;
    if (normaliseEmail(actor.email) !== link.email) throw wrongEmail(link.email, actor.email);
    const teamId = link.team.id;
    // The claim: only a row still pending changes. A use racing this one waits on the row's lock,
    // then matches nothing, and reads why.
    const { count } = await tx.teamInvitation.updateMany({
      where: { teamId, id: link.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedBy: actor.userId },
    });
    if (count === 0) {
      const now = await findInvitationLink(tx, token); // gone altogether if its role was deleted meanwhile
      throw (now && refusalOf(now.state)) ?? unknownInvitation();
    }
    // A member already: refused after the claim, so the rollback leaves the invitation pending and a
    // use racing a join is always told the link was used (it loses the claim), never this.
    const existing = await tx.teamMembership.findUnique({
      where: { teamId_userId: { teamId, userId: actor.userId } },
      select: { id: true },
    });
    if (existing) throw new AppError('conflict', `you are already a member of ${link.team.name}`, { reason: 'already_member' });
    try {
      await tx.teamMembership.create({ data: { teamId, userId: actor.userId, roleId: link.role.id }, select: { id: true } });
    } catch (error) {
      // Two invitations of one team accepted at once by one person: the membership's unique key decides.
      if ((error as { code?: string }).code === 'P2002')
        throw new AppError('conflict', `you are already a member of ${link.team.name}`, { reason: 'already_member' });
      throw error;
    }
    // The joiner is the actor of both rows; they act in the team they are joining.
    const auditCtx: TeamContext = { ...ctx, team: link.team, permissions: new Set(), role: null };
    await writeAudit(tx, auditCtx, {
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: link.id,
      newData: { email: link.email, role: link.role.name },
    });
    await writeAudit(tx, auditCtx, {
      action: 'member.added',
      entityType: 'member',
      entityId: actor.userId,
      newData: { email: actor.email, role: link.role.name, invitation: link.id },
    });
    return { team: { slug: link.team.slug, name: link.team.name }, role: link.role.name };
  });
}
