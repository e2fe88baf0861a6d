import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import {
  addMember,
  call,
  createApiKey,
  createRole,
  createTeam,
  expectError,
  expectJson,
  getJson,
  register,
  revokeApiKey,
  setUserStatus,
  sha256Hex,
  unique,
  PASSWORD,
  type ApiKey,
  type Member,
  type Role,
  type Session,
  type Team,
  type User,
} from './support/api';

// The rules of the identity issue that the permission matrix does not show: accounts, login and
// its brute-force limit, API keys, the last admin, roles, the audit log, body and query limits.
// Every test seeds its own users and team.

/** Every key name anywhere in a JSON value. */
function keysDeep(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      keysDeep(v, into);
    }
  }
  return into;
}

async function teamWithAdmin(api: APIRequestContext): Promise<{ admin: Session; team: Team }> {
  const admin = await register(api, 'admin');
  return { admin, team: await createTeam(api, admin.token) };
}

async function permissionsOf(api: APIRequestContext, token: string, slug: string): Promise<string[] | undefined> {
  return (await getJson<Team>(api, token, `/teams/${slug}`)).permissions;
}

test.describe('register', () => {
  test('201 with the user and a token; no password anywhere; the token works as Bearer on /auth/me', async ({ request }) => {
    const email = `${unique('reg')}@example.com`;
    const res = await call(request, 'POST', '/auth/register', { body: { email, password: PASSWORD, name: 'Ada' } });
    const text = await res.text();
    const body = await expectJson<{ user: User; token: string; expires_at: string }>(res, 201, 'register');
    expect(Object.keys(body.user).sort()).toEqual(['created_at', 'email', 'id', 'name', 'status']);
    expect(body.user).toMatchObject({ email, name: 'Ada', status: 'active' });
    expect(
      keysDeep(body).filter((k) => /password/i.test(k)),
      'no password field in the answer',
    ).toEqual([]);
    expect(text, 'the password itself is not echoed').not.toContain(PASSWORD);
    expect(new Date(body.expires_at).getTime()).toBeGreaterThan(Date.now());

    const meRes = await call(request, 'GET', '/auth/me', { token: body.token });
    const meText = await meRes.text();
    const me = await expectJson<{ user: User; teams: unknown[] }>(meRes, 200, 'GET /auth/me with the new token');
    expect(me.user).toEqual(body.user);
    expect(me.teams).toEqual([]);
    expect(keysDeep(me).filter((k) => /password/i.test(k))).toEqual([]);
    expect(meText).not.toContain('$2'); // no bcrypt hash either
  });

  test('the same email in another letter case is a 409', async ({ request }) => {
    const local = unique('Case');
    const first = await call(request, 'POST', '/auth/register', {
      body: { email: `${local}@Example.com`, password: PASSWORD, name: 'One' },
    });
    expect(first.status(), await first.text()).toBe(201);
    const again = await call(request, 'POST', '/auth/register', {
      body: { email: `${local.toUpperCase()}@EXAMPLE.COM`, password: PASSWORD, name: 'Two' },
    });
    await expectError(again, 409, 'register the same email upper-cased');
    const lower = await call(request, 'POST', '/auth/register', {
      body: { email: `${local.toLowerCase()}@example.com`, password: PASSWORD, name: 'Three' },
    });
    await expectError(lower, 409, 'register the same email lower-cased');
  });

  test('a common, all-space or longer-than-72-byte password is a 422 that says why; 72 bytes exactly is fine', async ({ request }) => {
    const refused: Array<[string, RegExp]> = [
      ['12345678', /common/],
      ['password', /common/],
      ['PassWord123', /common/],
      ['        ', /spaces/],
      ['a'.repeat(73), /72 bytes/],
      ['é'.repeat(37), /72 bytes/], // 37 characters, 74 bytes: bcrypt would cut it
    ];
    for (const [password, why] of refused) {
      const res = await call(request, 'POST', '/auth/register', { body: { email: `${unique('weak')}@example.com`, password, name: 'W' } });
      const body = await expectError(res, 422, `password ${JSON.stringify(password)}`);
      expect(body.error.details).toEqual([{ path: '/password', message: expect.stringMatching(why) }]);
    }
    const email = `${unique('long')}@example.com`;
    const exact = 'é'.repeat(36); // 72 bytes
    expect((await call(request, 'POST', '/auth/register', { body: { email, password: exact, name: 'L' } })).status()).toBe(201);
    expect((await call(request, 'POST', '/auth/login', { body: { email, password: exact } })).status()).toBe(200);
  });

  test('an email of 255 characters registers and signs in', async ({ request }) => {
    const local = unique('max').padEnd(64, 'x');
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(255 - 64 - 1 - 128 - 4)}.com`;
    const email = `${local}@${domain}`;
    expect(email).toHaveLength(255);
    expect((await call(request, 'POST', '/auth/register', { body: { email, password: PASSWORD, name: 'M' } })).status()).toBe(201);
    expect((await call(request, 'POST', '/auth/login', { body: { email, password: PASSWORD } })).status()).toBe(200);
  });

  test('a 7-character password is a 422 naming /password; an unknown field is a 400 naming it', async ({ request }) => {
    const email = `${unique('short')}@example.com`;
    const short = await expectError(
      await call(request, 'POST', '/auth/register', { body: { email, password: '1234567', name: 'S' } }),
      422,
      'password of 7',
    );
    expect(short.error.details?.map((d) => d.path)).toEqual(['/password']);
    const eight = await call(request, 'POST', '/auth/register', { body: { email, password: 'k7#vQm2x', name: 'S' } });
    expect(eight.status(), `password of 8: ${await eight.text()}`).toBe(201);

    const extra = await expectError(
      await call(request, 'POST', '/auth/register', {
        body: { email: `${unique('x')}@example.com`, password: PASSWORD, name: 'X', is_admin: true },
      }),
      400,
      'unknown field',
    );
    expect(extra.error.message).toContain('is_admin');
  });
});

test.describe('login', () => {
  test('200 with a new token; a wrong password or an unknown email is a 401', async ({ request }) => {
    const user = await register(request, 'login');
    const res = await call(request, 'POST', '/auth/login', { body: { email: user.email.toUpperCase(), password: PASSWORD } });
    const body = await expectJson<{ user: User; token: string; expires_at: string }>(res, 200, 'login');
    expect(body.user.id).toBe(user.user.id);
    expect(keysDeep(body).filter((k) => /password/i.test(k))).toEqual([]);
    expect(body.token).not.toBe(user.token);
    expect((await getJson<{ user: User }>(request, body.token, '/auth/me')).user.id).toBe(user.user.id);

    await expectError(
      await call(request, 'POST', '/auth/login', { body: { email: user.email, password: `${PASSWORD}!` } }),
      401,
      'wrong password',
    );
    await expectError(
      await call(request, 'POST', '/auth/login', { body: { email: `${unique('nobody')}@example.com`, password: PASSWORD } }),
      401,
      'unknown email',
    );
  });

  test('a suspended user cannot log in, and their tokens and keys stop working at once', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const login = await expectJson<{ token: string }>(
      await call(request, 'POST', '/auth/login', { body: { email: admin.email, password: PASSWORD } }),
      200,
      'login',
    );
    const { key } = await createApiKey(request, admin.token, team.slug, ['entity:read']);
    for (const token of [admin.token, login.token]) expect((await call(request, 'GET', '/auth/me', { token })).status()).toBe(200);
    expect((await call(request, 'GET', `/teams/${team.slug}`, { token: key })).status()).toBe(200);

    await setUserStatus(admin.user.id, 'suspended');
    await expectError(await call(request, 'GET', '/auth/me', { token: admin.token }), 401, 'registration token after suspension');
    await expectError(await call(request, 'GET', `/teams/${team.slug}`, { token: login.token }), 401, 'login token after suspension');
    await expectError(await call(request, 'GET', `/teams/${team.slug}`, { token: key }), 401, "the suspended creator's key");
    await expectError(
      await call(request, 'POST', '/auth/login', { body: { email: admin.email, password: PASSWORD } }),
      401,
      'login while suspended',
    );
  });

  test('the 6th failed login for one email from one address within a minute is a 429, and then even the right password from there is refused', async ({
    request,
  }) => {
    const user = await register(request, 'brute');
    const bystander = await register(request, 'bystander');
    for (let i = 1; i <= 5; i++) {
      await expectError(
        await call(request, 'POST', '/auth/login', { body: { email: user.email, password: `wrong-${i}-password` } }),
        401,
        `failed login ${i}`,
      );
    }
    const limited = await call(request, 'POST', '/auth/login', { body: { email: user.email, password: 'wrong-6-password' } });
    await expectError(limited, 429, 'failed login 6');
    const h = limited.headers();
    expect(h['retry-after'], 'Retry-After').toMatch(/^\d+$/);
    expect(Number(h['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(h['retry-after'])).toBeLessThanOrEqual(60);
    expect(h['ratelimit-limit'], 'RateLimit-Limit').toBe('5');
    expect(h['ratelimit-remaining'], 'RateLimit-Remaining').toBe('0');
    expect(h['ratelimit-reset'], 'RateLimit-Reset').toMatch(/^\d+$/);
    expect(Number(h['ratelimit-reset'])).toBeLessThanOrEqual(60);

    const right = await call(request, 'POST', '/auth/login', { body: { email: user.email, password: PASSWORD } });
    await expectError(right, 429, 'the right password while limited');
    expect(right.headers()['retry-after']).toMatch(/^\d+$/);
    await expectError(
      await call(request, 'POST', '/auth/login', { body: { email: user.email.toUpperCase(), password: PASSWORD } }),
      429,
      'the same email upper-cased',
    );
    // The limit is per (email, address): another account from the same address signs in.
    expect((await call(request, 'POST', '/auth/login', { body: { email: bystander.email, password: PASSWORD } })).status()).toBe(200);
    // The token issued before the attempts is untouched (the limit is on logging in, not on the account).
    expect((await call(request, 'GET', '/auth/me', { token: user.token })).status()).toBe(200);
  });
});

test.describe('API keys', () => {
  test('a key is bp_ + 64 hex, works as Bearer and as ApiKey, and the list never holds it or its hash', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const created = await createApiKey(request, admin.token, team.slug, ['entity:read', 'team:manage']);
    expect(created.key).toMatch(/^bp_[0-9a-f]{64}$/);
    expect(created.api_key.permissions).toEqual(['entity:read', 'team:manage']);
    expect(created.key.startsWith(created.api_key.prefix), 'the prefix is the start of the key').toBe(true);
    expect(created.api_key.prefix.length).toBeLessThan(20);

    for (const scheme of ['Bearer', 'ApiKey'] as const) {
      const res = await call(request, 'GET', `/teams/${team.slug}/api-keys`, { token: created.key, scheme });
      const list = await expectJson<{ api_keys: ApiKey[] }>(res, 200, `GET api-keys with Authorization: ${scheme}`);
      expect(list.api_keys.map((k) => k.id)).toContain(created.api_key.id);
    }
    await expectError(
      await call(request, 'GET', `/teams/${team.slug}`, { token: created.key, scheme: 'Basic' as 'Bearer' }),
      401,
      'an unknown scheme',
    );
    await expectError(
      await call(request, 'GET', `/teams/${team.slug}`, { token: `bp_${'0'.repeat(64)}` }),
      401,
      'a well-formed unknown key',
    );

    const res = await call(request, 'GET', `/teams/${team.slug}/api-keys`, { token: admin.token });
    const text = await res.text();
    expect(res.status()).toBe(200);
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(created.key.slice(3)); // the hex part alone
    expect(text).not.toContain(sha256Hex(created.key));
    expect(keysDeep(JSON.parse(text)).filter((k) => /hash|^key$/i.test(k))).toEqual([]);
  });

  test('revoking a key answers 204 and its next request is a 401', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const { key, api_key } = await createApiKey(request, admin.token, team.slug, ['team:manage']);
    expect((await call(request, 'GET', `/teams/${team.slug}/api-keys`, { token: key })).status()).toBe(200);
    const revoke = await call(request, 'DELETE', `/teams/${team.slug}/api-keys/${api_key.id}`, { token: admin.token });
    expect(revoke.status()).toBe(204);
    await expectError(await call(request, 'GET', `/teams/${team.slug}/api-keys`, { token: key }), 401, 'the revoked key');
    await expectError(await call(request, 'GET', '/auth/me', { token: key }), 401, 'the revoked key on /auth/me');
    const { api_keys } = await getJson<{ api_keys: ApiKey[] }>(request, admin.token, `/teams/${team.slug}/api-keys`);
    const row = api_keys.find((k) => k.id === api_key.id);
    expect(row?.status).toBe('revoked');
    expect(row?.revoked_at).not.toBeNull();
  });

  test('last_used_at is null until the key is used, then set shortly after', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const { key, api_key } = await createApiKey(request, admin.token, team.slug, ['entity:read']);
    const lastUsed = async () =>
      (await getJson<{ api_keys: ApiKey[] }>(request, admin.token, `/teams/${team.slug}/api-keys`)).api_keys.find(
        (k) => k.id === api_key.id,
      )?.last_used_at;
    expect(api_key.last_used_at).toBeNull();
    expect(await lastUsed()).toBeNull();
    const usedAt = Date.now();
    expect((await call(request, 'GET', `/teams/${team.slug}`, { token: key })).status()).toBe(200);
    await expect.poll(lastUsed, { message: 'last_used_at after one use', timeout: 5_000 }).not.toBeNull();
    const stamped = new Date((await lastUsed())!).getTime();
    expect(Math.abs(stamped - usedAt)).toBeLessThan(30_000);
  });

  test("a key's permissions are cut to its creator's current role: demoting the creator takes team:manage away", async ({ request }) => {
    const { admin: owner, team } = await teamWithAdmin(request);
    const creator = await register(request, 'creator');
    await addMember(request, owner.token, team.slug, creator.email, 'admin');
    const { key } = await createApiKey(request, creator.token, team.slug, ['entity:read', 'team:manage']);
    const keys = `/teams/${team.slug}/api-keys`;
    expect((await call(request, 'GET', keys, { token: key })).status()).toBe(200);
    expect(await permissionsOf(request, key, team.slug)).toEqual(['entity:read', 'team:manage']);

    const demote = await call(request, 'PATCH', `/teams/${team.slug}/members/${creator.user.id}`, {
      token: owner.token,
      body: { role: 'viewer' },
    });
    expect((await expectJson<Member>(demote, 200, 'demote the creator')).role.name).toBe('viewer');
    await expectError(await call(request, 'GET', keys, { token: key }), 403, 'the key of a demoted creator');
    expect(await permissionsOf(request, key, team.slug)).toEqual(['entity:read']);

    // Editor: still no team:manage; admin again: the key's own list applies in full once more.
    await call(request, 'PATCH', `/teams/${team.slug}/members/${creator.user.id}`, { token: owner.token, body: { role: 'editor' } });
    await expectError(await call(request, 'GET', keys, { token: key }), 403, 'the key of a creator who is an editor');
    await call(request, 'PATCH', `/teams/${team.slug}/members/${creator.user.id}`, { token: owner.token, body: { role: 'admin' } });
    expect((await call(request, 'GET', keys, { token: key })).status()).toBe(200);
  });

  test("removing a member revokes their keys at once: the answer lists them, and a removed admin's key cannot re-add its creator", async ({
    request,
  }) => {
    const { admin: owner, team } = await teamWithAdmin(request);
    const creator = await register(request, 'leaver');
    await addMember(request, owner.token, team.slug, creator.email, 'admin');
    const manage = await createApiKey(request, creator.token, team.slug, ['entity:read', 'team:manage']);
    const narrow = await createApiKey(request, creator.token, team.slug, ['entity:read']);
    const ownersKey = await createApiKey(request, owner.token, team.slug, ['entity:read']);
    const member = `/teams/${team.slug}/members/${creator.user.id}`;
    const expected = [manage, narrow].map((k) => ({ id: k.api_key.id, name: k.api_key.name, prefix: k.api_key.prefix }));

    const preview = await call(request, 'DELETE', `${member}?dry_run=true`, { token: owner.token });
    expect(await expectJson(preview, 200, 'dry run')).toEqual({ dry_run: true, revoked_api_keys: expected });
    expect((await call(request, 'GET', `/teams/${team.slug}`, { token: manage.key })).status(), 'a dry run revokes nothing').toBe(200);

    const removed = await call(request, 'DELETE', member, { token: owner.token });
    expect(await expectJson(removed, 200, 'remove the creator')).toEqual({ revoked_api_keys: expected });
    for (const k of [manage, narrow])
      await expectError(await call(request, 'GET', `/teams/${team.slug}`, { token: k.key }), 401, 'a key whose creator left');
    // The attack of the security issue: the removed admin's key re-adding its creator.
    await expectError(
      await call(request, 'POST', `/teams/${team.slug}/members`, { token: manage.key, body: { email: creator.email, role: 'admin' } }),
      401,
      're-add',
    );
    expect((await call(request, 'GET', `/teams/${team.slug}`, { token: ownersKey.key })).status(), "another member's key").toBe(200);
    const { api_keys } = await getJson<{ api_keys: ApiKey[] }>(request, owner.token, `/teams/${team.slug}/api-keys`);
    expect(
      api_keys
        .filter((k) => k.status === 'revoked')
        .map((k) => k.id)
        .sort(),
    ).toEqual([manage.api_key.id, narrow.api_key.id].sort());
  });

  test('a key cannot be given permissions its creator lacks (422), and a key cannot create keys (403)', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const manager = await register(request, 'manager');
    const role = await createRole(request, admin.token, team.slug, ['team:manage', 'entity:read']);
    await addMember(request, admin.token, team.slug, manager.email, role.name);
    const beyond = await call(request, 'POST', `/teams/${team.slug}/api-keys`, {
      token: manager.token,
      body: { name: 'k', permissions: ['entity:read', 'entity:delete'] },
    });
    const error = await expectError(beyond, 422, 'a key with entity:delete by a manager without it');
    expect(error.error.details?.map((d) => d.path)).toEqual(['/permissions']);
    expect(JSON.stringify(error.error.details)).toContain('entity:delete');

    const { key } = await createApiKey(request, admin.token, team.slug, ['team:manage', 'entity:read']);
    await expectError(
      await call(request, 'POST', `/teams/${team.slug}/api-keys`, { token: key, body: { name: 'child', permissions: ['entity:read'] } }),
      403,
      'a key creating a key',
    );
    await expectError(
      await call(request, 'POST', `/teams/${team.slug}/api-keys`, {
        token: admin.token,
        body: { name: 'old', permissions: ['entity:read'], expires_at: '2001-01-01T00:00:00Z' },
      }),
      422,
      'a key that expired before it was made',
    );
  });
});

test.describe('members and roles', () => {
  test('the last admin can be neither removed nor demoted (409), but can once another admin exists', async ({ request }) => {
    const { admin: first, team } = await teamWithAdmin(request);
    const members = `/teams/${team.slug}/members`;
    await expectError(
      await call(request, 'PATCH', `${members}/${first.user.id}`, { token: first.token, body: { role: 'viewer' } }),
      409,
      'demote the only admin',
    );
    await expectError(
      await call(request, 'PATCH', `${members}/${first.user.id}`, { token: first.token, body: { role: 'editor' } }),
      409,
      'make the only admin an editor',
    );
    await expectError(await call(request, 'DELETE', `${members}/${first.user.id}`, { token: first.token }), 409, 'remove the only admin');

    const second = await register(request, 'second');
    await addMember(request, first.token, team.slug, second.email, 'admin');
    const demoted = await call(request, 'PATCH', `${members}/${first.user.id}`, { token: first.token, body: { role: 'viewer' } });
    expect((await expectJson<Member>(demoted, 200, 'demote an admin while another exists')).role.name).toBe('viewer');

    // Now `second` is the last admin.
    await expectError(
      await call(request, 'DELETE', `${members}/${second.user.id}`, { token: second.token }),
      409,
      'remove the new last admin',
    );
    await expectError(
      await call(request, 'PATCH', `${members}/${second.user.id}`, { token: second.token, body: { role: 'viewer' } }),
      409,
      'demote the new last admin',
    );

    const third = await register(request, 'third');
    await addMember(request, second.token, team.slug, third.email, 'admin');
    expect((await call(request, 'DELETE', `${members}/${second.user.id}`, { token: third.token })).status()).toBe(200);
    const { members: left } = await getJson<{ members: Member[] }>(request, third.token, members);
    expect(left.map((m) => [m.user_id, m.role.name]).sort()).toEqual(
      [
        [first.user.id, 'viewer'],
        [third.user.id, 'admin'],
      ].sort(),
    );
  });

  test('a role in use cannot be deleted (409); the default roles cannot be edited or deleted (409)', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const roles = `/teams/${team.slug}/roles`;
    const holder = await register(request, 'holder');
    const role = await createRole(request, admin.token, team.slug, ['entity:read', 'blueprint:read']);
    await addMember(request, admin.token, team.slug, holder.email, role.name);
    await expectError(await call(request, 'DELETE', `${roles}/${role.id}`, { token: admin.token }), 409, 'delete a role someone holds');
    const afterRefusal = (await getJson<{ roles: Role[] }>(request, admin.token, roles)).roles.find((r) => r.id === role.id);
    expect(afterRefusal?.member_count).toBe(1);

    await call(request, 'PATCH', `/teams/${team.slug}/members/${holder.user.id}`, { token: admin.token, body: { role: 'viewer' } });
    expect((await call(request, 'DELETE', `${roles}/${role.id}`, { token: admin.token })).status()).toBe(204);
    expect((await getJson<{ roles: Role[] }>(request, admin.token, roles)).roles.map((r) => r.id)).not.toContain(role.id);

    const before = (await getJson<{ roles: Role[] }>(request, admin.token, roles)).roles;
    const defaults = before.filter((r) => r.is_default);
    expect(defaults.map((r) => r.name).sort()).toEqual(['admin', 'editor', 'viewer']);
    for (const d of defaults) {
      await expectError(
        await call(request, 'PATCH', `${roles}/${d.id}`, { token: admin.token, body: { description: 'mine' } }),
        409,
        `edit the default role ${d.name}`,
      );
      await expectError(
        await call(request, 'PATCH', `${roles}/${d.id}`, { token: admin.token, body: { permissions: ['entity:read'] } }),
        409,
        `cut the default role ${d.name}`,
      );
      await expectError(
        await call(request, 'DELETE', `${roles}/${d.id}`, { token: admin.token }),
        409,
        `delete the default role ${d.name}`,
      );
    }
    expect((await getJson<{ roles: Role[] }>(request, admin.token, roles)).roles).toEqual(before);
  });

  test('a new team has the default roles of API.md', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const { permissions } = await getJson<{ permissions: Array<{ name: string }> }>(request, admin.token, '/permissions');
    const all = permissions.map((p) => p.name);
    expect(all).toHaveLength(15);
    expect(all).toContain('action:approve'); // approvals: admin has it, editor does not
    const reads = all.filter((p) => p.endsWith(':read'));
    const writes = all.filter((p) => p.endsWith(':write'));
    const { roles } = await getJson<{ roles: Role[] }>(request, admin.token, `/teams/${team.slug}/roles`);
    const byName = Object.fromEntries(roles.map((r) => [r.name, [...r.permissions].sort()]));
    expect(byName.admin).toEqual([...all].sort());
    expect(byName.editor).toEqual([...reads, ...writes, 'action:execute'].sort());
    expect(byName.viewer).toEqual([...reads].sort());
    expect(await permissionsOf(request, admin.token, team.slug)).toEqual([...all].sort());
  });
});

type AuditRow = {
  id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  actor: { type: string; user_id: string | null; api_key_id: string | null };
  old_data: Record<string, unknown> | null;
  new_data: Record<string, unknown> | null;
  created_at: string;
};

/** Makes one of each change the audit log must record; returns what is needed to find them. */
async function auditedChanges(api: APIRequestContext) {
  const { admin, team } = await teamWithAdmin(api);
  const subject = await register(api, 'subject');
  const bystander = await register(api, 'bystander');
  await addMember(api, admin.token, team.slug, bystander.email, 'viewer');
  await addMember(api, admin.token, team.slug, subject.email, 'viewer');
  const role = await createRole(api, admin.token, team.slug, ['entity:read']);
  const manage = await createApiKey(api, admin.token, team.slug, ['team:manage', 'entity:read']);
  const doomed = await createApiKey(api, admin.token, team.slug, ['entity:read']);
  await revokeApiKey(api, admin.token, team.slug, doomed.api_key.id);
  const changed = await call(api, 'PATCH', `/teams/${team.slug}/members/${subject.user.id}`, {
    token: admin.token,
    body: { role: 'editor' },
  });
  expect(changed.status()).toBe(200);
  expect((await call(api, 'DELETE', `/teams/${team.slug}/members/${subject.user.id}`, { token: admin.token })).status()).toBe(200);
  const renamed = await call(api, 'PATCH', `/teams/${team.slug}`, { token: manage.key, body: { name: 'Renamed by a key' } });
  expect(renamed.status(), await renamed.text()).toBe(200);
  return { admin, team, subject, bystander, role, manage, doomed };
}

test.describe('audit log', () => {
  test('lists each change with its actor and old/new data, newest first, and never a key or a hash', async ({ request }) => {
    const s = await auditedChanges(request);
    const res = await call(request, 'GET', `/teams/${s.team.slug}/audit-logs?limit=100`, { token: s.admin.token });
    const text = await res.text();
    const { audit_logs: rows, next_cursor } = await expectJson<{ audit_logs: AuditRow[]; next_cursor: string | null }>(
      res,
      200,
      'audit log',
    );
    expect(next_cursor).toBeNull();
    const times = rows.map((r) => new Date(r.created_at).getTime());
    expect(times, 'newest first').toEqual([...times].sort((x, y) => y - x));
    const one = (action: string, entityId: string) => {
      const found = rows.filter((r) => r.action === action && r.entity_id === entityId);
      expect(found, `${action} on ${entityId}`).toHaveLength(1);
      return found[0];
    };
    const byAdmin = { type: 'user', user_id: s.admin.user.id, api_key_id: null };

    expect(one('team.created', s.team.id)).toMatchObject({ entity_type: 'team', actor: byAdmin });
    expect(one('member.added', s.subject.user.id)).toMatchObject({
      entity_type: 'member',
      actor: byAdmin,
      new_data: { email: s.subject.email, role: 'viewer' },
    });
    expect(one('role.created', s.role.id)).toMatchObject({
      entity_type: 'role',
      actor: byAdmin,
      new_data: { name: s.role.name, permissions: ['entity:read'] },
    });
    expect(one('api_key.created', s.manage.api_key.id)).toMatchObject({
      entity_type: 'api_key',
      actor: byAdmin,
      new_data: { name: s.manage.api_key.name, prefix: s.manage.api_key.prefix, permissions: ['entity:read', 'team:manage'] },
    });
    expect(one('api_key.revoked', s.doomed.api_key.id)).toMatchObject({
      entity_type: 'api_key',
      actor: byAdmin,
      old_data: { name: s.doomed.api_key.name },
    });
    expect(one('member.role_changed', s.subject.user.id)).toMatchObject({
      entity_type: 'member',
      actor: byAdmin,
      old_data: { role: 'viewer' },
      new_data: { role: 'editor' },
    });
    expect(one('member.removed', s.subject.user.id)).toMatchObject({
      entity_type: 'member',
      actor: byAdmin,
      old_data: { email: s.subject.email, role: 'editor' },
    });
    // A change made with a key names the key, and its creator as the user.
    expect(one('team.updated', s.team.id)).toMatchObject({
      entity_type: 'team',
      actor: { type: 'api_key', user_id: s.admin.user.id, api_key_id: s.manage.api_key.id },
      old_data: { name: s.team.name, slug: s.team.slug },
      new_data: { name: 'Renamed by a key', slug: s.team.slug },
    });

    for (const secret of [s.manage.key, s.doomed.key]) {
      expect(text, 'the audit log never holds a key').not.toContain(secret.slice(3));
      expect(text, 'the audit log never holds a key hash').not.toContain(sha256Hex(secret));
    }
    expect(keysDeep(rows).filter((k) => /hash|password|^key$|token/i.test(k))).toEqual([]);
  });

  test('filters by entity_type, action and actor_id; pages with a cursor', async ({ request }) => {
    const s = await auditedChanges(request);
    const log = async (query: string) =>
      await getJson<{ audit_logs: AuditRow[]; next_cursor: string | null }>(
        request,
        s.admin.token,
        `/teams/${s.team.slug}/audit-logs?${query}`,
      );

    const members = (await log('entity_type=member')).audit_logs;
    expect(members.map((r) => r.action).sort()).toEqual(['member.added', 'member.added', 'member.removed', 'member.role_changed']);
    const created = (await log('action=role.created')).audit_logs;
    expect(created.map((r) => r.entity_id)).toEqual([s.role.id]);
    const byKey = (await log(`actor_id=${s.manage.api_key.id}`)).audit_logs;
    expect(byKey.map((r) => r.action)).toEqual(['team.updated']);
    const byAdmin = (await log(`actor_id=${s.admin.user.id}`)).audit_logs;
    expect(byAdmin.length).toBeGreaterThanOrEqual(9);
    expect(byAdmin.every((r) => r.actor.user_id === s.admin.user.id)).toBe(true);
    expect((await log(`actor_id=${s.bystander.user.id}`)).audit_logs, 'a member who changed nothing').toEqual([]);
    const combined = (await log(`entity_type=member&action=member.removed&entity_id=${s.subject.user.id}`)).audit_logs;
    expect(combined.map((r) => r.action)).toEqual(['member.removed']);

    const all = (await log('limit=1000')).audit_logs;
    const first = await log('limit=2');
    expect(first.audit_logs.map((r) => r.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    expect(first.next_cursor).not.toBeNull();
    const second = await log(`limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.audit_logs.map((r) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
  });

  test('an unknown query parameter, limit=0 and limit=1001 are 400s', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const path = `/teams/${team.slug}/audit-logs`;
    const unknown = await expectError(await call(request, 'GET', `${path}?entity=team`, { token: admin.token }), 400, 'unknown parameter');
    expect(unknown.error.message).toContain('entity');
    for (const limit of ['0', '1001', '-1', 'ten']) {
      await expectError(await call(request, 'GET', `${path}?limit=${limit}`, { token: admin.token }), 400, `limit=${limit}`);
    }
    for (const limit of ['1', '1000']) {
      expect((await call(request, 'GET', `${path}?limit=${limit}`, { token: admin.token })).status(), `limit=${limit}`).toBe(200);
    }
    await expectError(await call(request, 'GET', `${path}?since=yesterday`, { token: admin.token }), 400, 'since=yesterday');
  });
});

test.describe('limits and headers', () => {
  test('a body over 1 MiB is a 413; one of exactly 1 MiB is read (and judged on its fields)', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const MiB = 1024 * 1024;
    const sized = (bytes: number, extra: Record<string, unknown>) => {
      const empty = JSON.stringify({ ...extra, description: '' });
      return JSON.stringify({ ...extra, description: 'a'.repeat(bytes - empty.length) });
    };
    const send = (path: string, data: string, token?: string): Promise<APIResponse> =>
      request.fetch(`/api/v1${path}`, {
        method: 'POST',
        data,
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      });
    const role = { name: unique('big'), permissions: ['entity:read'] };
    const exact = sized(MiB, role);
    expect(Buffer.byteLength(exact)).toBe(MiB);
    const judged = await expectError(await send(`/teams/${team.slug}/roles`, exact, admin.token), 422, 'a 1 MiB body');
    expect(judged.error.details?.map((d) => d.path)).toEqual(['/description']);
    await expectError(await send(`/teams/${team.slug}/roles`, sized(MiB + 1, role), admin.token), 413, 'a 1 MiB + 1 byte body');
    await expectError(await send(`/teams/${team.slug}/roles`, sized(3 * MiB, role), admin.token), 413, 'a 3 MiB body');
    await expectError(
      await send('/auth/register', sized(MiB + 1, { email: `${unique('big')}@example.com`, password: PASSWORD, name: 'Big' })),
      413,
      'a register body over 1 MiB',
    );
  });

  test('every authenticated answer carries RateLimit-Limit, -Remaining and -Reset, counted per user and per key', async ({ request }) => {
    const { admin, team } = await teamWithAdmin(request);
    const viewer = await register(request, 'viewer');
    await addMember(request, admin.token, team.slug, viewer.email, 'viewer');
    const { key } = await createApiKey(request, admin.token, team.slug, ['entity:read']);

    const answers: Array<[string, APIResponse]> = [
      ['200 GET /auth/me', await call(request, 'GET', '/auth/me', { token: viewer.token })],
      ['200 GET /teams', await call(request, 'GET', '/teams', { token: viewer.token })],
      ['403 GET api-keys', await call(request, 'GET', `/teams/${team.slug}/api-keys`, { token: viewer.token })],
      ['404 GET another team', await call(request, 'GET', `/teams/${unique('none')}`, { token: viewer.token })],
      ['422 POST /teams', await call(request, 'POST', '/teams', { token: viewer.token, body: { name: 'x', slug: 'Not A Slug' } })],
      ['400 GET members?x=1', await call(request, 'GET', `/teams/${team.slug}/members?x=1`, { token: viewer.token })],
    ];
    expect(answers.map(([, r]) => r.status())).toEqual([200, 200, 403, 404, 422, 400]);
    const remaining: number[] = [];
    for (const [what, res] of answers) {
      const h = res.headers();
      expect(h['ratelimit-limit'], `${what}: RateLimit-Limit`).toMatch(/^[1-9]\d*$/);
      expect(h['ratelimit-remaining'], `${what}: RateLimit-Remaining`).toMatch(/^\d+$/);
      expect(h['ratelimit-reset'], `${what}: RateLimit-Reset`).toMatch(/^\d+$/);
      expect(Number(h['ratelimit-reset']), `${what}: RateLimit-Reset`).toBeGreaterThanOrEqual(1); // its upper bound: the next test
      expect(h['retry-after'], `${what}: no Retry-After below the limit`).toBeUndefined();
      remaining.push(Number(h['ratelimit-remaining']));
    }
    const limit = Number(answers[0][1].headers()['ratelimit-limit']);
    expect(remaining, "the viewer's own bucket counts down one request at a time").toEqual(remaining.map((_, i) => limit - 1 - i));

    const byKey = await call(request, 'GET', `/teams/${team.slug}`, { token: key });
    expect(byKey.status()).toBe(200);
    expect(byKey.headers()['ratelimit-remaining'], "the key's bucket is its own").toBe(String(limit - 1));
  });

  test('RateLimit-Reset stays within the 60-second window, also on the request that opens it', async ({ request }) => {
    // Each new key has its own bucket, so its first request opens a window. A reset computed from
    // a start time rounded up to the millisecond would read 61 about every other time: twelve
    // fresh windows make that visible (a false pass has odds of 1 in 4096).
    const { admin, team } = await teamWithAdmin(request);
    const keys = await Promise.all(Array.from({ length: 12 }, () => createApiKey(request, admin.token, team.slug, ['entity:read'])));
    const resets: number[] = [];
    for (const { key } of keys) {
      const res = await call(request, 'GET', `/teams/${team.slug}`, { token: key });
      expect(res.status()).toBe(200);
      expect(res.headers()['ratelimit-remaining'], 'a fresh bucket').toBe(String(Number(res.headers()['ratelimit-limit']) - 1));
      resets.push(Number(res.headers()['ratelimit-reset']));
    }
    expect(
      resets.filter((r) => !(r >= 1 && r <= 60)),
      `RateLimit-Reset of fresh 60 s windows: ${resets.join(', ')}`,
    ).toEqual([]);
  });
});
