import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticatePassword } from '@/lib/auth/authenticate-password';
import { changePassword } from '@/lib/auth/change-password';
import { registerUser } from '@/lib/auth/register-user';
import { createGroupMapping, deleteGroupMapping } from '@/lib/group-mappings/group-mapping-service';
import { addMember } from '@/lib/members/member-service';
import { deleteRole } from '@/lib/roles/role-service';
import { testDb } from '@/lib/test/database-per-file';
import { createApiKeyRow, createTeam, expectAppError, requestContextFor, teamContextOf, userActorOf } from '@/lib/test/fixtures';
import type { SsoClaims } from './sso-claims';
import { signInWithSso } from './sso-sign-in';

// Single sign-on's account and membership rules against a real PostgreSQL (the browser flow
// through Auth.js and a real OpenID Connect provider is e2e/sso.spec.ts).

const ISSUER = 'https://id.example.test';
const META = { ip: '203.0.113.9', userAgent: 'vitest' };
const tag = () => randomBytes(4).toString('hex');

function claims(over: Partial<SsoClaims> = {}): SsoClaims {
  const t = tag();
  return { issuer: ISSUER, subject: `sub-${t}`, email: `sso-${t}@example.com`, emailVerified: true, name: 'Sam Sso', groups: [], ...over };
}

const membershipOf = (teamId: string, userId: string) =>
  testDb().teamMembership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { managedByGroups: true, role: { select: { name: true } } },
  });

async function adminContext() {
  const { team, owner } = await createTeam(testDb());
  return { team, owner, ctx: await teamContextOf(owner, team.slug) };
}

describe('signInWithSso: the account', () => {
  it('creates an account without a password at the first sign-in, and finds it by the subject afterwards', async () => {
    const first = claims();
    const made = await signInWithSso(testDb(), first, META);
    expect(made).toMatchObject({ created: true, linked: false, user: { email: first.email, name: 'Sam Sso' } });
    const row = await testDb().user.findUniqueOrThrow({ where: { id: made.user.id } });
    expect(row.passwordHash).toBeNull();
    // The provider's email changed: the subject still names the same person.
    const again = await signInWithSso(testDb(), { ...first, email: `renamed-${tag()}@example.com` }, META);
    expect(again).toMatchObject({ created: false, linked: false, user: { id: made.user.id } });
  });

  it('links to the password account with the same verified email (any case), which keeps its password', async () => {
    const email = `linked-${tag()}@example.com`;
    const user = await registerUser(testDb(), { email, password: 'correct horse battery', name: 'Pat' }, '192.0.2.40');
    const result = await signInWithSso(testDb(), claims({ email: email.toUpperCase() }), META);
    expect(result).toMatchObject({ created: false, linked: true, user: { id: user.id } });
    expect(await testDb().userIdentity.count({ where: { userId: user.id } })).toBe(1);
    expect(await authenticatePassword(testDb(), { email, password: 'correct horse battery', ip: '192.0.2.41' })).toMatchObject({
      id: user.id,
    });
  });

  it('refuses an email the provider has not verified, and changes nothing', async () => {
    const email = `unverified-${tag()}@example.com`;
    const victim = await registerUser(testDb(), { email, password: 'correct horse battery', name: 'Victim' }, '192.0.2.42');
    const error = await expectAppError(signInWithSso(testDb(), claims({ email, emailVerified: false }), META));
    expect(error).toMatchObject({ code: 'unauthenticated', details: { reason: 'email_unverified' } });
    expect(await testDb().userIdentity.count({ where: { userId: victim.id } })).toBe(0);
    const stranger = claims({ emailVerified: false });
    await expectAppError(signInWithSso(testDb(), stranger, META));
    expect(await testDb().user.count({ where: { email: stranger.email! } })).toBe(0);
    expect((await expectAppError(signInWithSso(testDb(), claims({ email: null }), META))).details).toEqual({ reason: 'email_missing' });
  });

  it('refuses a suspended account', async () => {
    const first = claims();
    const { user } = await signInWithSso(testDb(), first, META);
    await testDb().user.update({ where: { id: user.id }, data: { status: 'suspended' } });
    expect((await expectAppError(signInWithSso(testDb(), first, META))).details).toEqual({ reason: 'account_suspended' });
  });

  it('an account without a password: password sign-in fails like a wrong password, a password change is refused clearly', async () => {
    const first = claims();
    const { user } = await signInWithSso(testDb(), first, META);
    const signIn = await expectAppError(
      authenticatePassword(testDb(), { email: first.email!, password: 'anything at all', ip: '192.0.2.43' }),
    );
    expect(signIn).toMatchObject({ code: 'unauthenticated', details: { reason: 'invalid_credentials' } });
    const ctx = requestContextFor({ ...userActorOf(user), credentialId: undefined });
    const change = await expectAppError(changePassword(testDb(), ctx, { current_password: 'x', new_password: 'a brand new passphrase' }));
    expect(change).toMatchObject({ code: 'conflict', details: { reason: 'no_password' } });
  });
});

describe('signInWithSso: team membership from groups', () => {
  it('joins with the mapped (custom) role, changes the role when the groups change, and leaves when the group is gone', async () => {
    const { team, ctx } = await adminContext();
    // sre: the viewer's permissions and more, so it is the wider of the two mapped roles.
    const viewer = await testDb().role.findUniqueOrThrow({ where: { teamId_name: { teamId: team.id, name: 'viewer' } } });
    const wider = [...new Set([...(viewer.permissions as string[]), 'entity:write', 'entity:delete'])];
    await testDb().role.create({ data: { teamId: team.id, name: 'sre', permissions: wider } });
    const group = `g-${tag()}`;
    await createGroupMapping(testDb(), ctx, { group: `${group}-ops`, role: 'sre' });
    await createGroupMapping(testDb(), ctx, { group: `${group}-all`, role: 'viewer' });
    const person = claims({ groups: [`${group}-all`, `${group}-ops`, 'unmapped'] });

    const joined = await signInWithSso(testDb(), person, META);
    expect(joined.changes).toEqual([{ team: team.slug, change: 'joined', role: 'sre' }]); // the wider of the two roles
    expect(await membershipOf(team.id, joined.user.id)).toEqual({ managedByGroups: true, role: { name: 'sre' } });
    // The same groups again: nothing to do.
    expect((await signInWithSso(testDb(), person, META)).changes).toEqual([]);

    const demoted = await signInWithSso(testDb(), { ...person, groups: [`${group}-all`] }, META);
    expect(demoted.changes).toEqual([{ team: team.slug, change: 'role_changed', role: 'viewer' }]);
    expect(await membershipOf(team.id, joined.user.id)).toMatchObject({ role: { name: 'viewer' } });

    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: joined.user.id, permissions: ['entity:read'] });
    const left = await signInWithSso(testDb(), { ...person, groups: [] }, META);
    expect(left.changes).toEqual([{ team: team.slug, change: 'left' }]);
    expect(await membershipOf(team.id, joined.user.id)).toBeNull();
    expect(await testDb().apiKey.findFirst({ where: { teamId: team.id, userId: joined.user.id }, select: { revokedAt: true } })).toEqual({
      revokedAt: expect.any(Date),
    });
    expect(key).toMatch(/^bp_/);

    const audit = await testDb().auditLog.findMany({
      where: { teamId: team.id, entityId: joined.user.id, entityType: 'member' },
      orderBy: { createdAt: 'asc' },
      select: { action: true, userId: true, actorType: true, newData: true },
    });
    expect(audit.map((a) => a.action)).toEqual(['member.added', 'member.role_changed', 'member.removed']);
    expect(audit.every((a) => a.userId === joined.user.id && a.actorType === 'user')).toBe(true);
    expect(audit.map((a) => (a.newData as { reason?: string }).reason)).toEqual(['group_mapping', 'group_mapping', 'group_mapping']);
    expect(audit[0].newData).toMatchObject({ role: 'sre', group: `${group}-ops` });
  });

  it('a team without mappings is left alone (mapping off), and deleting a mapping removes its members at their next sign-in', async () => {
    const { team, ctx } = await adminContext();
    const group = `g-${tag()}`;
    const person = claims({ groups: [group] });
    expect((await signInWithSso(testDb(), person, META)).changes).toEqual([]);
    const mapping = await createGroupMapping(testDb(), ctx, { group, role: 'editor' });
    const { user } = await signInWithSso(testDb(), person, META);
    expect(await membershipOf(team.id, user.id)).toMatchObject({ role: { name: 'editor' } });
    await deleteGroupMapping(testDb(), ctx, mapping.id);
    expect((await signInWithSso(testDb(), person, META)).changes).toEqual([{ team: team.slug, change: 'left' }]);
  });

  it('never touches a member an admin added by hand, nor one whose role an admin changed', async () => {
    const { team, ctx } = await adminContext();
    const group = `g-${tag()}`;
    await createGroupMapping(testDb(), ctx, { group, role: 'viewer' });
    const person = claims();
    const { user } = await signInWithSso(testDb(), person, META); // no groups yet: not a member
    await addMember(testDb(), ctx, { email: person.email!, role: 'editor' });
    expect((await signInWithSso(testDb(), { ...person, groups: [group] }, META)).changes).toEqual([]);
    expect((await signInWithSso(testDb(), person, META)).changes).toEqual([]);
    expect(await membershipOf(team.id, user.id)).toEqual({ managedByGroups: false, role: { name: 'editor' } });
  });

  it('never removes nor demotes the last admin', async () => {
    const { team, owner, ctx } = await adminContext();
    const group = `g-${tag()}`;
    await createGroupMapping(testDb(), ctx, { group, role: 'admin' });
    const person = claims({ groups: [group] });
    const { user } = await signInWithSso(testDb(), person, META);
    // The hand-made admin leaves: the mapped admin is the last one.
    await testDb().teamMembership.delete({ where: { teamId_userId: { teamId: team.id, userId: owner.id } } });
    expect((await signInWithSso(testDb(), { ...person, groups: [] }, META)).changes).toEqual([
      { team: team.slug, change: 'kept_last_admin', role: 'admin' },
    ]);
    expect(await membershipOf(team.id, user.id)).toMatchObject({ role: { name: 'admin' } });
  });

  it('a mapped role cannot be deleted (409, not a 500 from the foreign key)', async () => {
    const { team, ctx } = await adminContext();
    const role = await testDb().role.create({ data: { teamId: team.id, name: 'mapped', permissions: [] } });
    await createGroupMapping(testDb(), ctx, { group: `g-${tag()}`, role: 'mapped' });
    expect(await expectAppError(deleteRole(testDb(), ctx, role.id))).toMatchObject({ code: 'conflict', details: { reason: 'in_use' } });
  });
});
