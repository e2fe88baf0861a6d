import { describe, expect, it } from 'vitest';
import type { RequestContext } from '@/lib/authz/team-context';
import { testDb } from '@/lib/test/database-per-file';
import { createApiKeyRow, createTeam, expectAppError, requestContextFor } from '@/lib/test/fixtures';
import { changePassword } from './change-password';
import { listLoginTokens, revokeLoginToken } from './login-token-service';
import { issueLoginToken } from './login-tokens';
import { registerUser } from './register-user';
import { resolveActor } from './resolve-actor';
import { sha256Hex } from './secrets';
import { createUserSession } from './user-sessions';

// Login tokens can be listed and revoked by their person; a password change ends the person's
// other sessions and tokens and keeps the one in use. Against a real PostgreSQL.

const PASSWORD = 'correct horse battery';
let n = 0;

async function person() {
  const email = `tokens-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const user = await registerUser(testDb(), { email, password: PASSWORD, name: 'Tok' }, `192.0.2.${n}`);
  return user;
}

/** The context of a request made with `token`, resolved as the route wrapper does. */
async function viaToken(token: string): Promise<RequestContext> {
  const actor = await resolveActor(testDb(), new Headers({ authorization: `Bearer ${token}` }), async () => null);
  return requestContextFor(actor!);
}

async function viaSession(userId: string, sessionId: string): Promise<RequestContext> {
  const actor = await resolveActor(testDb(), new Headers(), async () => ({ userId, sessionId }));
  return requestContextFor(actor!);
}

const works = async (token: string) =>
  resolveActor(testDb(), new Headers({ authorization: `Bearer ${token}` }), async () => null).then(
    () => true,
    () => false,
  );
const sessionWorks = async (userId: string, sessionId: string) =>
  (await resolveActor(testDb(), new Headers(), async () => ({ userId, sessionId }))) !== null;

describe('login tokens', () => {
  it("lists the caller's unexpired tokens newest first, marking the current one; never another person's", async () => {
    const user = await person();
    const a = await issueLoginToken(testDb(), user.id, 'curl/8');
    const b = await issueLoginToken(testDb(), user.id, null);
    const expired = await issueLoginToken(testDb(), user.id, null);
    // Distinct creation times (three inserts can share a millisecond), and one token expired.
    const stamp = async (token: string, createdAt: Date, expiresAt?: Date) =>
      testDb().loginToken.update({ where: { tokenHash: sha256Hex(token) }, data: { createdAt, ...(expiresAt && { expiresAt }) } });
    await stamp(a.token, new Date(Date.now() - 3000));
    await stamp(b.token, new Date(Date.now() - 2000));
    await stamp(expired.token, new Date(Date.now() - 1000), new Date(Date.now() - 500));
    await issueLoginToken(testDb(), (await person()).id, null);

    const { login_tokens } = await listLoginTokens(testDb(), await viaToken(b.token));
    expect(login_tokens).toHaveLength(2);
    expect(login_tokens.map((t) => t.current)).toEqual([true, false]);
    expect(login_tokens[1]).toMatchObject({ user_agent: 'curl/8', expires_at: a.expires_at });
    expect(JSON.stringify(login_tokens)).not.toContain(b.token);
  });

  it("revokes one: it fails from then on; another person's token or an unknown id is 404", async () => {
    const user = await person();
    const other = await person();
    const keep = await issueLoginToken(testDb(), user.id, null);
    const doomed = await issueLoginToken(testDb(), user.id, null);
    const theirs = await issueLoginToken(testDb(), other.id, null);
    const ctx = await viaToken(keep.token);
    const ids = (await listLoginTokens(testDb(), ctx)).login_tokens.map((t) => t.id);
    const doomedId = ids.find((id) => id !== (ctx.actor.kind === 'user' && ctx.actor.credentialId))!;
    await revokeLoginToken(testDb(), ctx, doomedId);
    expect(await works(doomed.token)).toBe(false);
    expect(await works(keep.token)).toBe(true);

    const theirId = (await listLoginTokens(testDb(), await viaToken(theirs.token))).login_tokens[0].id;
    expect((await expectAppError(revokeLoginToken(testDb(), ctx, theirId))).code).toBe('not_found');
    expect((await expectAppError(revokeLoginToken(testDb(), ctx, doomedId))).code).toBe('not_found');
    expect(await works(theirs.token)).toBe(true);
  });

  it('is a 403 for an API key', async () => {
    const { team, owner } = await createTeam(testDb());
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    expect((await expectAppError(listLoginTokens(testDb(), await viaToken(key)))).code).toBe('forbidden');
  });
});

describe('changePassword', () => {
  it('from a session: ends the other sessions and every login token, keeps this session; the new password signs in', async () => {
    const user = await person();
    const mine = await createUserSession(testDb(), user.id, null);
    const other = await createUserSession(testDb(), user.id, null);
    const token = await issueLoginToken(testDb(), user.id, null);
    const bystander = await person();
    const theirs = await createUserSession(testDb(), bystander.id, null);

    const result = await changePassword(testDb(), await viaSession(user.id, mine), {
      current_password: PASSWORD,
      new_password: 'a brand new secret',
    });
    expect(result).toEqual({ ended_sessions: 1, revoked_login_tokens: 1 });
    expect(await sessionWorks(user.id, mine)).toBe(true);
    expect(await sessionWorks(user.id, other)).toBe(false);
    expect(await works(token.token)).toBe(false);
    expect(await sessionWorks(bystander.id, theirs)).toBe(true);
  });

  it('from a login token: keeps that token, ends the rest', async () => {
    const user = await person();
    const session = await createUserSession(testDb(), user.id, null);
    const mine = await issueLoginToken(testDb(), user.id, null);
    const other = await issueLoginToken(testDb(), user.id, null);
    expect(
      await changePassword(testDb(), await viaToken(mine.token), { current_password: PASSWORD, new_password: 'a brand new secret' }),
    ).toEqual({
      ended_sessions: 1,
      revoked_login_tokens: 1,
    });
    expect(await works(mine.token)).toBe(true);
    expect(await works(other.token)).toBe(false);
    expect(await sessionWorks(user.id, session)).toBe(false);
  });

  it('refuses a wrong current password (422 /current_password) and a weak new one (422 /new_password), changing nothing', async () => {
    const user = await person();
    const token = await issueLoginToken(testDb(), user.id, null);
    const other = await issueLoginToken(testDb(), user.id, null);
    const ctx = await viaToken(token.token);
    const wrong = await expectAppError(
      changePassword(testDb(), ctx, { current_password: 'not it at all', new_password: 'a brand new secret' }),
    );
    expect(wrong.details).toEqual([{ path: '/current_password', message: expect.any(String) }]);
    const weak = await expectAppError(changePassword(testDb(), ctx, { current_password: PASSWORD, new_password: 'password123' }));
    expect(weak.details).toEqual([{ path: '/new_password', message: expect.stringMatching(/common/) }]);
    expect(await works(other.token)).toBe(true);
  });
});
