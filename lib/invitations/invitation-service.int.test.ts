import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@/lib/auth/secrets';
import { testDb } from '@/lib/test/database-per-file';
import {
  addMembership,
  createApiKeyRow,
  createTeam,
  createUser,
  expectAppError,
  requestContextFor,
  teamContextOf,
  userActorOf,
} from '@/lib/test/fixtures';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { acceptInvitation, findInvitationLink } from './accept-invitation';
import { createInvitationRow } from './invitation.fixtures';
import { createInvitation, listInvitations, MAX_PENDING_INVITATIONS, revokeInvitation } from './invitation-service';

// Invitations against the real database: the link is stored hashed and answered once, a role
// above the inviter's is refused, and a link works once, for its email only, until it expires or
// is revoked; of two uses racing, one joins and the other is told the link was used.

const db = () => testDb();
const PAGE = { limit: 50, cursor: null };
const asUser = (user: { id: string; email: string; name: string | null }) => requestContextFor(userActorOf(user));

async function adminTeam() {
  const { team, owner } = await createTeam(db());
  return { team, owner, ctx: await teamContextOf(owner, team.slug) };
}

async function membersOf(teamId: string): Promise<Record<string, string>> {
  const rows = await db().teamMembership.findMany({
    where: { teamId },
    select: { user: { select: { email: true } }, role: { select: { name: true } } },
  });
  return Object.fromEntries(rows.map((r) => [r.user.email, r.role.name]));
}

describe('createInvitation', () => {
  it('answers the token once, keeps only its hash, normalises the email, expires in 7 days and is audited', async () => {
    const { team, ctx } = await adminTeam();
    const { invitation, token } = await createInvitation(db(), ctx, { email: '  New.Person@Example.COM ', role: 'editor' });
    expect(token).toMatch(/^bpi_[0-9a-f]{64}$/);
    expect(invitation).toMatchObject({ email: 'new.person@example.com', role: { name: 'editor' }, status: 'pending' });
    const row = await db().teamInvitation.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: invitation.id } } });
    expect(row.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(7);
    const audit = await db().auditLog.findMany({ where: { teamId: team.id } });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([['invitation.created', invitation.id]]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect((await listInvitations(db(), ctx, PAGE)).invitations.map((i) => i.email)).toEqual(['new.person@example.com']);
  });

  it('refuses a role granting what the inviter lacks, a member, a second pending invitation and an unknown role', async () => {
    const { team, ctx } = await adminTeam();
    // A custom role that manages members but holds nothing else cannot hand out "viewer" (reads).
    await db().role.create({ data: { teamId: team.id, name: 'people-admin', permissions: ['team:manage'] } });
    const manager = await addMembership(db(), team.id, 'people-admin');
    const managerCtx = await teamContextOf(manager, team.slug);
    const above = await expectAppError(createInvitation(db(), managerCtx, { email: 'x@example.com', role: 'viewer' }));
    expect([above.code, above.details]).toEqual(['forbidden', { reason: 'role_above_inviter' }]);
    expect(above.message).toContain('blueprint:read');
    // ... but its own role it may.
    await createInvitation(db(), managerCtx, { email: 'y@example.com', role: 'people-admin' });

    const member = await addMembership(db(), team.id, 'viewer');
    const dup = await expectAppError(createInvitation(db(), ctx, { email: member.email.toUpperCase(), role: 'editor' }));
    expect([dup.code, dup.details]).toEqual(['conflict', { reason: 'already_member' }]);

    const again = await expectAppError(createInvitation(db(), ctx, { email: 'Y@example.com', role: 'viewer' }));
    expect([again.code, again.details]).toEqual(['conflict', { reason: 'already_invited' }]);

    const unknown = await expectAppError(createInvitation(db(), ctx, { email: 'z@example.com', role: 'owner' }));
    expect(unknown.code).toBe('validation_failed');
    expect(await db().teamInvitation.count({ where: { teamId: team.id } })).toBe(1);
  });

  it('is refused to an API key, even one holding team:manage', async () => {
    const { team, owner } = await adminTeam();
    const { row } = await createApiKeyRow(db(), { teamId: team.id, userId: owner.id, permissions: ['team:manage'] });
    const keyCtx = await resolveTeamContext(
      db(),
      requestContextFor({
        kind: 'api_key',
        keyId: row.id,
        keyName: row.name,
        teamId: team.id,
        creatorId: owner.id,
        keyPermissions: ['team:manage'],
      }),
      team.slug,
    );
    expect((await expectAppError(createInvitation(db(), keyCtx, { email: 'k@example.com', role: 'viewer' }))).code).toBe('forbidden');
  });

  it(`holds at most ${MAX_PENDING_INVITATIONS} pending invitations; expired ones do not count`, async () => {
    const { team, ctx } = await adminTeam();
    const roleId = (await db().role.findFirstOrThrow({ where: { teamId: team.id, name: 'viewer' } })).id;
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    await db().teamInvitation.createMany({
      data: Array.from({ length: MAX_PENDING_INVITATIONS }, (_, i) => ({
        teamId: team.id,
        email: `bulk${i}@example.com`,
        roleId,
        tokenHash: sha256Hex(`bulk-${team.id}-${i}`),
        expiresAt: inAWeek,
      })),
    });
    const full = await expectAppError(createInvitation(db(), ctx, { email: 'one-more@example.com', role: 'viewer' }));
    expect([full.code, full.details]).toEqual(['conflict', { reason: 'pending_limit' }]);
    const past = new Date(Date.now() - 1000);
    await db().teamInvitation.updateMany({
      where: { teamId: team.id, email: 'bulk0@example.com' },
      data: { createdAt: new Date(past.getTime() - 1000), expiresAt: past },
    });
    await createInvitation(db(), ctx, { email: 'one-more@example.com', role: 'viewer' });
  });
});

describe('acceptInvitation', () => {
  it('joins the invited person with the role, once, in one transaction with its audit rows', async () => {
    const { team, ctx } = await adminTeam();
    const person = await createUser(db(), 'Joiner@Example.com');
    const { token, invitation } = await createInvitation(db(), ctx, { email: 'joiner@example.com', role: 'editor' });
    expect(await acceptInvitation(db(), asUser(person), token)).toEqual({ team: { slug: team.slug, name: team.name }, role: 'editor' });
    expect((await membersOf(team.id))['Joiner@Example.com']).toBe('editor');
    expect((await findInvitationLink(db(), token))?.state).toBe('accepted');
    const audit = await db().auditLog.findMany({ where: { teamId: team.id, userId: person.id }, orderBy: { action: 'asc' } });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ['invitation.accepted', invitation.id],
      ['member.added', person.id],
    ]);
    expect((await listInvitations(db(), ctx, PAGE)).invitations).toEqual([]);

    const reuse = await expectAppError(acceptInvitation(db(), asUser(person), token));
    expect([reuse.code, reuse.details]).toEqual(['conflict', { reason: 'invitation_used' }]);
  });

  it('refuses an expired, a revoked and an unknown link, and changes nothing', async () => {
    const { team, ctx } = await adminTeam();
    const person = await createUser(db());
    const expired = await createInvitationRow(db(), { teamId: team.id, email: person.email, expiresAt: new Date(Date.now() - 1) });
    const e = await expectAppError(acceptInvitation(db(), asUser(person), expired.token));
    expect([e.code, e.details]).toEqual(['conflict', { reason: 'invitation_expired' }]);

    const { token, invitation } = await createInvitation(db(), ctx, { email: person.email, role: 'viewer' });
    await revokeInvitation(db(), ctx, invitation.id);
    const r = await expectAppError(acceptInvitation(db(), asUser(person), token));
    expect([r.code, r.details]).toEqual(['conflict', { reason: 'invitation_revoked' }]);
    const again = await expectAppError(revokeInvitation(db(), ctx, invitation.id));
    expect([again.code, again.details]).toEqual(['conflict', { reason: 'not_pending' }]);

    for (const bad of [`bpi_${'0'.repeat(64)}`, 'not-a-token', '']) {
      const u = await expectAppError(acceptInvitation(db(), asUser(person), bad));
      expect([u.code, u.details]).toEqual(['not_found', { reason: 'invitation_unknown' }]);
    }
    expect(Object.keys(await membersOf(team.id))).not.toContain(person.email);
    const actions = (await db().auditLog.findMany({ where: { teamId: team.id } })).map((a) => a.action).sort();
    expect(actions).toEqual(['invitation.created', 'invitation.revoked']);
  });

  it('refuses a person signed in with another email, naming both, and keeps the link usable', async () => {
    const { team, ctx } = await adminTeam();
    const other = await createUser(db(), 'someone.else@example.com');
    const invited = await createUser(db(), 'alice@example.org');
    const { token } = await createInvitation(db(), ctx, { email: 'alice@example.org', role: 'viewer' });
    const wrong = await expectAppError(acceptInvitation(db(), asUser(other), token));
    expect([wrong.code, wrong.details]).toEqual(['forbidden', { reason: 'wrong_email' }]);
    expect(wrong.message).toBe('This invitation is for a…@example.org; you are signed in as someone.else@example.com.');
    expect((await findInvitationLink(db(), token))?.state).toBe('pending');
    await acceptInvitation(db(), asUser(invited), token);
    expect((await membersOf(team.id))['alice@example.org']).toBe('viewer');
  });

  it('tells an existing member so, adds no second membership and leaves the invitation pending', async () => {
    const { team, ctx } = await adminTeam();
    const { token } = await createInvitationRow(db(), { teamId: team.id, email: 'later@example.com' });
    const member = await addMembership(db(), team.id, 'editor', await createUser(db(), 'later@example.com'));
    const dup = await expectAppError(acceptInvitation(db(), asUser(member), token));
    expect([dup.code, dup.details]).toEqual(['conflict', { reason: 'already_member' }]);
    expect(await db().teamMembership.count({ where: { teamId: team.id, userId: member.id } })).toBe(1);
    expect((await findInvitationLink(db(), token))?.state).toBe('pending');
    expect((await listInvitations(db(), ctx, PAGE)).invitations).toHaveLength(1);
  });

  it('of two uses racing, one joins and the other is told the link was used', async () => {
    const { team, ctx } = await adminTeam();
    const person = await createUser(db());
    const { token } = await createInvitation(db(), ctx, { email: person.email, role: 'viewer' });
    const results = await Promise.allSettled([0, 1, 2].map(() => acceptInvitation(db(), asUser(person), token)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { details?: unknown }).details] : []));
    // Each loser read the link as pending, then lost the claim and re-read it as used (never a
    // second membership: the membership key alone would answer already_member here).
    expect(reasons).toEqual([{ reason: 'invitation_used' }, { reason: 'invitation_used' }]);
    expect(await db().teamMembership.count({ where: { teamId: team.id, userId: person.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { teamId: team.id, action: 'invitation.accepted' } })).toBe(1);
  });

  it('refuses an API key', async () => {
    const { team, owner } = await adminTeam();
    const { token } = await createInvitationRow(db(), { teamId: team.id, email: owner.email });
    const actor = { kind: 'api_key' as const, keyId: owner.id, keyName: 'k', teamId: team.id, creatorId: owner.id, keyPermissions: [] };
    expect((await expectAppError(acceptInvitation(db(), requestContextFor(actor), token))).code).toBe('forbidden');
  });
});

describe('revokeInvitation and listInvitations', () => {
  it("lists only the team's pending invitations, oldest first, and another team's id is 404", async () => {
    const { team, ctx } = await adminTeam();
    const other = await adminTeam();
    const a = await createInvitation(db(), ctx, { email: 'a@example.com', role: 'viewer' });
    await createInvitation(db(), ctx, { email: 'b@example.com', role: 'viewer' });
    const theirs = await createInvitation(db(), other.ctx, { email: 'c@example.com', role: 'viewer' });
    await revokeInvitation(db(), ctx, a.invitation.id);
    expect((await listInvitations(db(), ctx, PAGE)).invitations.map((i) => i.email)).toEqual(['b@example.com']);
    const page1 = await listInvitations(db(), other.ctx, { limit: 1, cursor: null });
    expect([page1.invitations.map((i) => i.email), page1.next_cursor]).toEqual([['c@example.com'], null]);
    const cross = await expectAppError(revokeInvitation(db(), ctx, theirs.invitation.id));
    expect(cross.code).toBe('not_found');
    expect((await findInvitationLink(db(), theirs.token))?.state).toBe('pending');
    expect(team.id).not.toBe(other.team.id);
  });
});
