import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { testDb } from '@/lib/test/database-per-file';
import { createApiKeyRow, createTeam, createUser } from '@/lib/test/fixtures';
import { resolveActor } from './resolve-actor';
import { newApiKey, newLoginToken, sha256Hex } from './secrets';
import { createUserSession, deleteUserSession } from './user-sessions';

// Who is calling: Authorization (API key or login token, `Bearer` or the older `ApiKey` form),
// else the browser session. A credential that is present but bad is a 401, never anonymous.

const HOUR = 3_600_000;
const noSession = async () => null;

function auth(value: string): Headers {
  return new Headers({ authorization: value });
}

async function unauthenticated(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error('expected a 401');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('unauthenticated');
  expect((error as AppError).status).toBe(401);
}

async function loginToken(userId: string, expiresAt = new Date(Date.now() + HOUR)): Promise<string> {
  const token = newLoginToken();
  await testDb().loginToken.create({ data: { userId, tokenHash: sha256Hex(token), expiresAt } });
  return token;
}

/** A signed-in browser session of the user: its server-side row, as sign-in makes it. */
async function sessionOf(userId: string) {
  return { userId, sessionId: await createUserSession(testDb(), userId, 'vitest') };
}

async function suspend(userId: string, status = 'suspended') {
  await testDb().user.update({ where: { id: userId }, data: { status } });
}

describe('resolveActor with an API key', () => {
  it('resolves a valid key to its team, creator and permissions (Bearer)', async () => {
    const { team, owner } = await createTeam(testDb());
    const { key, row } = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: owner.id,
      permissions: ['entity:read', 'not:a-permission'],
    });
    const actor = await resolveActor(testDb(), auth(`Bearer ${key}`), noSession);
    expect(actor).toEqual({
      kind: 'api_key',
      keyId: row.id,
      keyName: row.name,
      teamId: team.id,
      creatorId: owner.id,
      keyPermissions: ['entity:read'],
    });
  });

  it('accepts the older `ApiKey <key>` form, and the scheme in any case', async () => {
    const { team, owner } = await createTeam(testDb());
    const { key, row } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    for (const header of [`ApiKey ${key}`, `apikey ${key}`, `bearer ${key}`, `Bearer   ${key}  `]) {
      expect(await resolveActor(testDb(), auth(header), noSession)).toMatchObject({ kind: 'api_key', keyId: row.id });
    }
  });

  it('prefers the Authorization header over a session', async () => {
    const { team, owner } = await createTeam(testDb());
    const other = await createUser(testDb());
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    expect(await resolveActor(testDb(), auth(`Bearer ${key}`), async () => sessionOf(other.id))).toMatchObject({ kind: 'api_key' });
  });

  it('is a 401 for a key that is revoked, expired or unknown', async () => {
    const { team, owner } = await createTeam(testDb());
    const revoked = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: owner.id,
      permissions: ['entity:read'],
      revokedAt: new Date(),
    });
    const expired = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: owner.id,
      permissions: ['entity:read'],
      expiresAt: new Date(Date.now() - 1000),
    });
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${revoked.key}`), noSession));
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${expired.key}`), noSession));
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${newApiKey()}`), noSession));
    // A session does not rescue a bad credential.
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${revoked.key}`), async () => sessionOf(owner.id)));
  });

  it('accepts a key whose expiry is still ahead', async () => {
    const { team, owner } = await createTeam(testDb());
    const { key } = await createApiKeyRow(testDb(), {
      teamId: team.id,
      userId: owner.id,
      permissions: ['entity:read'],
      expiresAt: new Date(Date.now() + HOUR),
    });
    expect(await resolveActor(testDb(), auth(`Bearer ${key}`), noSession)).toMatchObject({ kind: 'api_key' });
  });

  it("is a 401 once the key's creator is suspended or inactive", async () => {
    const { team, owner } = await createTeam(testDb());
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    await suspend(owner.id);
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${key}`), noSession));
    await suspend(owner.id, 'inactive');
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${key}`), noSession));
  });
});

describe('resolveActor with a login token', () => {
  it('resolves a valid token to its user', async () => {
    const user = await createUser(testDb());
    const token = await loginToken(user.id);
    const row = await testDb().loginToken.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } });
    expect(await resolveActor(testDb(), auth(`Bearer ${token}`), noSession)).toEqual({
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      via: 'token',
      credentialId: row.id,
    });
  });

  it('is a 401 for an expired or unknown token', async () => {
    const user = await createUser(testDb());
    const expired = await loginToken(user.id, new Date(Date.now() - 1000));
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${expired}`), noSession));
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${newLoginToken()}`), noSession));
  });

  it('is a 401 once the user is suspended', async () => {
    const user = await createUser(testDb());
    const token = await loginToken(user.id);
    await suspend(user.id);
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${token}`), noSession));
  });

  it("does not accept a token's hash in place of the token", async () => {
    const user = await createUser(testDb());
    const token = await loginToken(user.id);
    await unauthenticated(resolveActor(testDb(), auth(`Bearer ${sha256Hex(token)}`), noSession));
  });
});

describe('resolveActor with a malformed Authorization header', () => {
  it.each([
    'Basic dXNlcjpwYXNz',
    'Bearer',
    'Bearer ',
    '',
    'Token bp_' + '0'.repeat(64),
    'Bearer two words',
    'Bearer not-a-key',
    'Bearer BP_' + 'A'.repeat(64),
    'Bearer bp_' + '0'.repeat(63),
  ])('is a 401 for %j', async (header) => {
    const user = await createUser(testDb());
    await unauthenticated(resolveActor(testDb(), auth(header), async () => sessionOf(user.id)));
  });
});

describe('resolveActor with the browser session', () => {
  it("is the session's user when no Authorization header is sent", async () => {
    const user = await createUser(testDb());
    const session = await sessionOf(user.id);
    expect(await resolveActor(testDb(), new Headers(), async () => session)).toEqual({
      kind: 'user',
      userId: user.id,
      email: user.email,
      name: user.name,
      via: 'session',
      credentialId: session.sessionId,
    });
  });

  it('is null (anonymous) for the session of a suspended user or of a user that no longer exists', async () => {
    const user = await createUser(testDb());
    const session = await sessionOf(user.id);
    await suspend(user.id);
    expect(await resolveActor(testDb(), new Headers(), async () => session)).toBeNull();
    const ghost = { userId: '00000000-0000-4000-8000-000000000000', sessionId: session.sessionId };
    expect(await resolveActor(testDb(), new Headers(), async () => ghost)).toBeNull();
  });

  it('is null once the session was ended on the server (signed out), though the cookie still names it', async () => {
    const user = await createUser(testDb());
    const session = await sessionOf(user.id);
    expect(await resolveActor(testDb(), new Headers(), async () => session)).toMatchObject({ userId: user.id });
    await deleteUserSession(testDb(), session.sessionId);
    expect(await resolveActor(testDb(), new Headers(), async () => session)).toBeNull();
  });

  it('is null for a session row of another user, or an expired one', async () => {
    const user = await createUser(testDb());
    const other = await sessionOf((await createUser(testDb())).id);
    expect(await resolveActor(testDb(), new Headers(), async () => ({ userId: user.id, sessionId: other.sessionId }))).toBeNull();
    const mine = await sessionOf(user.id);
    await testDb().userSession.update({ where: { id: mine.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveActor(testDb(), new Headers(), async () => mine)).toBeNull();
  });

  it('is null with neither a header nor a session', async () => {
    expect(await resolveActor(testDb(), new Headers(), noSession)).toBeNull();
    expect(await resolveActor(testDb(), new Headers(), async () => undefined)).toBeNull();
  });
});

describe('resolveActor after repeated bearer failures', () => {
  const from = (ip: string, authorization: string) => new Headers({ 'x-baseplate-client-ip': ip, authorization });

  it('answers 401 up to the per-address limit, then 429; another address and valid credentials are unaffected', async () => {
    const { team, owner } = await createTeam(testDb());
    const { key } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
    const limit = 30; // RATE_LIMIT_BEARER_FAILURES_PER_MINUTE's default
    for (let i = 0; i < limit; i++) await unauthenticated(resolveActor(testDb(), from('198.51.100.7', `Bearer ${newApiKey()}`), noSession));
    const error = await resolveActor(testDb(), from('198.51.100.7', 'Bearer not-a-token'), noSession).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('rate_limited');
    expect((error as AppError).headers?.['Retry-After']).toMatch(/^\d+$/);
    await unauthenticated(resolveActor(testDb(), from('198.51.100.8', `Bearer ${newApiKey()}`), noSession));
    expect(await resolveActor(testDb(), from('198.51.100.7', `Bearer ${key}`), noSession)).toMatchObject({ kind: 'api_key' });
  });
});
