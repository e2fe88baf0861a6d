import { newInvitationToken, sha256Hex } from '@/lib/auth/secrets';
import { writeAudit } from '@/lib/audit/write-audit';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';
import { lockTeamForMembership } from '@/lib/members/keep-a-manager';
import { roleByName } from '@/lib/members/member-service';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import { permissionsBeyond } from './grantable-roles';
import { INVITATION_SELECT, invitationView, normaliseEmail, pendingWhere, type InvitationView } from './invitation-view';
import { INVITATION_DAYS, type CreateInvitationInput } from './schemas';

// Invitations: a team admin (team:manage, as for adding a member) invites an email with a role.
// The link's token is answered once and only its SHA-256 is kept. The role granted can never hold
// a permission the inviter lacks (as an API key's cannot: lib/api-keys), so a custom role with
// team:manage cannot mint admins. Creating locks the team row (as membership changes do), so the
// pending bound and the one-pending-per-email rule hold under concurrent requests.

/** Pending invitations a team may hold at once: enough for a team's first day, not a spam cannon. */
export const MAX_PENDING_INVITATIONS = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

export async function listInvitations(db: Db, ctx: TeamContext, page: PageParams) {
  requirePermission(ctx, 'team:manage');
  const rows = await db.teamInvitation.findMany({
    where: { ...pendingWhere(ctx.team.id), ...afterCursor(page.cursor, 'asc') },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    select: INVITATION_SELECT,
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { invitations: items.map(invitationView), next_cursor: nextCursor };
}

export async function createInvitation(
  db: Db,
  ctx: TeamContext,
  input: CreateInvitationInput,
): Promise<{ invitation: InvitationView; token: string }> {
  requirePermission(ctx, 'team:manage');
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'invitations are sent by people, not by keys');
  const inviterId = ctx.actor.userId;
  const email = normaliseEmail(input.email);
  const token = newInvitationToken();
  const row = await db.$transaction(async (tx) => {
    await lockTeamForMembership(tx, ctx.team.id);
    const role = await roleByName(tx, ctx.team.id, input.role);
    const beyond = permissionsBeyond(role.permissions, ctx.permissions);
    if (beyond.length > 0) {
      throw new AppError(
        'forbidden',
        `the role "${role.name}" grants ${beyond.join(', ')}, which you do not hold: you cannot invite with it`,
        {
          reason: 'role_above_inviter',
        },
      );
    }
    const user = await findUserByEmail(tx, email);
    if (
      user &&
      (await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId: ctx.team.id, userId: user.id } }, select: { id: true } }))
    ) {
      throw new AppError('conflict', `${user.email} is already a member`, { reason: 'already_member' });
    }
    const now = new Date();
    if (await tx.teamInvitation.findFirst({ where: { ...pendingWhere(ctx.team.id, now), email }, select: { id: true } })) {
      throw new AppError('conflict', `${email} already has a pending invitation: revoke it first to send a new link`, {
        reason: 'already_invited',
      });
    }
    if ((await tx.teamInvitation.count({ where: pendingWhere(ctx.team.id, now) })) >= MAX_PENDING_INVITATIONS) {
      throw new AppError(
        'conflict',
        `the team has ${MAX_PENDING_INVITATIONS} pending invitations, the most it may hold: revoke some first`,
        {
          reason: 'pending_limit',
        },
      );
    }
    const days = input.expires_in_days ?? INVITATION_DAYS.default;
    const created = await tx.teamInvitation.create({
      data: {
        teamId: ctx.team.id,
        email,
        roleId: role.id,
        tokenHash: sha256Hex(token),
        invitedBy: inviterId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + days * DAY_MS),
      },
      select: INVITATION_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: created.id,
      newData: { email, role: role.name, expires_at: created.expiresAt },
    });
    return created;
  });
  return { invitation: invitationView(row), token };
}

/** Revokes a pending invitation: its link stops working at once. Accepted or revoked ones are 409. */
export async function revokeInvitation(db: Db, ctx: TeamContext, invitationId: string): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.$transaction(async (tx) => {
    const where = { teamId_id: { teamId: ctx.team.id, id: invitationId } };
    const row = await tx.teamInvitation.findUnique({ where, select: INVITATION_SELECT });
    if (!row) throw new AppError('not_found', 'invitation not found');
    // Only a still-open row is stamped: a concurrent accept that committed first wins, and this says so.
    const { count } = await tx.teamInvitation.updateMany({
      where: { teamId: ctx.team.id, id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) {
      const now = await tx.teamInvitation.findUnique({ where, select: { revokedAt: true } });
      throw new AppError('conflict', `the invitation was already ${now?.revokedAt ? 'revoked' : 'accepted'}`, { reason: 'not_pending' });
    }
    await writeAudit(tx, ctx, {
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: row.id,
      oldData: { email: row.email, role: row.role.name },
    });
  });
}
