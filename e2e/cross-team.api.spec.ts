import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addMember,
  call,
  createApiKey,
  createBlueprint,
  createRole,
  createTeam,
  expectError,
  getJson,
  register,
  type ApiKey,
  type Member,
  type Method,
  type Role,
  type Session,
  type Team,
} from './support/api';

// Tenant isolation of the identity routes (API.md, CONVENTIONS.md habit 2): everything team A owns
// is invisible and untouchable from team B, through A's path and through B's path with A's ids.
// The answer is always 404, never 403 (a 403 would tell B that the thing exists). Each test seeds
// its own two teams.

type Side = { admin: Session; team: Team; key: string; keyId: string };
type Setup = {
  a: Side & { member: Session; customRole: Role; adminRole: Role; spareKey: ApiKey };
  b: Side;
  /** Team B's two callers: its admin (a person) and its team:manage key. */
  bCallers: Array<{ name: string; token: string }>;
};

async function side(api: APIRequestContext, label: string): Promise<Side> {
  const admin = await register(api, `${label}-admin`);
  const team = await createTeam(api, admin.token);
  const key = await createApiKey(api, admin.token, team.slug, ['team:manage', 'entity:read']);
  return { admin, team, key: key.key, keyId: key.api_key.id };
}

async function setup(api: APIRequestContext): Promise<Setup> {
  const [a, b] = await Promise.all([side(api, 'a'), side(api, 'b')]);
  const member = await register(api, 'a-member');
  const customRole = await createRole(api, a.admin.token, a.team.slug, ['entity:read']);
  await addMember(api, a.admin.token, a.team.slug, member.email, customRole.name);
  const spare = await createApiKey(api, a.admin.token, a.team.slug, ['entity:read']);
  const roles = await getJson<{ roles: Role[] }>(api, a.admin.token, `/teams/${a.team.slug}/roles`);
  const adminRole = roles.roles.find((r) => r.name === 'admin')!;
  return {
    a: { ...a, member, customRole, adminRole, spareKey: spare.api_key },
    b,
    bCallers: [
      { name: "B's admin", token: b.admin.token },
      { name: "B's team:manage key", token: b.key },
    ],
  };
}

/** What a team owns, as its admin sees it (last_used_at left out: it is stamped after requests). */
async function snapshot(api: APIRequestContext, admin: Session, slug: string) {
  const team = await getJson<Team>(api, admin.token, `/teams/${slug}`);
  const members = await getJson<{ members: Member[] }>(api, admin.token, `/teams/${slug}/members?limit=1000`);
  const roles = await getJson<{ roles: Role[] }>(api, admin.token, `/teams/${slug}/roles?limit=1000`);
  const keys = await getJson<{ api_keys: ApiKey[] }>(api, admin.token, `/teams/${slug}/api-keys?limit=1000`);
  const audit = await getJson<{ audit_logs: Array<{ id: string }> }>(api, admin.token, `/teams/${slug}/audit-logs?limit=1000`);
  return {
    team,
    members: members.members,
    roles: roles.roles,
    apiKeys: keys.api_keys.map((k) => ({ ...k, last_used_at: 'ignored' })),
    audit: audit.audit_logs,
  };
}

type Probe = { method: Method; path: string; body?: unknown };

/** Every probe, by each of B's callers, must be a 404 with the error body of API.md. */
async function expectAll404(api: APIRequestContext, s: Setup, probes: Probe[]) {
  for (const { name, token } of s.bCallers) {
    for (const probe of probes) {
      const res = await call(api, probe.method, probe.path, { token, body: probe.body });
      await expectError(res, 404, `${probe.method} ${probe.path} by ${name}`);
    }
  }
}

async function expectUnchanged(api: APIRequestContext, s: Setup, before: { a: unknown; b: unknown }) {
  expect(await snapshot(api, s.a.admin, s.a.team.slug), "team A's rows after B's probes").toEqual(before.a);
  expect(await snapshot(api, s.b.admin, s.b.team.slug), "team B's rows after the probes with A's ids").toEqual(before.b);
}

async function snapshots(api: APIRequestContext, s: Setup) {
  return { a: await snapshot(api, s.a.admin, s.a.team.slug), b: await snapshot(api, s.b.admin, s.b.team.slug) };
}

test("team A itself: B's admin and B's key get 404 on GET, PATCH and DELETE /teams/A, and A stays", async ({ request }) => {
  const s = await setup(request);
  const before = await snapshots(request, s);
  const A = `/teams/${s.a.team.slug}`;
  await expectAll404(request, s, [
    { method: 'GET', path: A },
    { method: 'PATCH', path: A, body: { name: 'Taken over' } },
    { method: 'PATCH', path: A, body: { slug: `${s.b.team.slug}-x` } },
    { method: 'DELETE', path: A },
  ]);
  await expectUnchanged(request, s, before);

  // Neither of B's callers is told about A in their list of teams.
  for (const { name, token } of s.bCallers) {
    const { teams } = await getJson<{ teams: Team[] }>(request, token, '/teams');
    expect(teams.map((t) => t.slug), `GET /teams by ${name}`).toEqual([s.b.team.slug]);
    const me = await getJson<{ teams: Team[] }>(request, token, '/auth/me');
    expect(me.teams.map((t) => t.slug), `GET /auth/me by ${name}`).toEqual([s.b.team.slug]);
  }
});

test("A's members: list, add, and A's member by user_id (under A's path and B's path) are 404 from team B", async ({ request }) => {
  const s = await setup(request);
  const outsider = await register(request, 'newcomer');
  const before = await snapshots(request, s);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/members` },
    { method: 'POST', path: `${A}/members`, body: { email: outsider.email, role: 'admin' } },
    { method: 'PATCH', path: `${A}/members/${s.a.member.user.id}`, body: { role: 'admin' } },
    { method: 'DELETE', path: `${A}/members/${s.a.member.user.id}` },
    { method: 'PATCH', path: `${A}/members/${s.a.admin.user.id}`, body: { role: 'viewer' } },
    { method: 'DELETE', path: `${A}/members/${s.a.admin.user.id}` },
    // A's member's user_id under B's own path: not a member of B, so not found.
    { method: 'PATCH', path: `${B}/members/${s.a.member.user.id}`, body: { role: 'admin' } },
    { method: 'DELETE', path: `${B}/members/${s.a.member.user.id}` },
    { method: 'PATCH', path: `${B}/members/${s.a.admin.user.id}`, body: { role: 'viewer' } },
    { method: 'DELETE', path: `${B}/members/${s.a.admin.user.id}` },
  ]);
  await expectUnchanged(request, s, before);
  const members = (before.a.members as Member[]).map((m) => [m.user_id, m.role.name]);
  expect(members, "A's members as A's admin sees them").toEqual(
    expect.arrayContaining([
      [s.a.admin.user.id, 'admin'],
      [s.a.member.user.id, s.a.customRole.name],
    ]),
  );
});

test("A's roles: list, create, and A's role id (under A's path and B's path) are 404 from team B; the role stays", async ({ request }) => {
  const s = await setup(request);
  const before = await snapshots(request, s);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  const grab = { name: 'grabbed', permissions: ['team:manage', 'entity:read', 'entity:delete'] };
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/roles` },
    { method: 'POST', path: `${A}/roles`, body: { name: 'intruder', permissions: ['team:manage'] } },
    { method: 'PATCH', path: `${A}/roles/${s.a.customRole.id}`, body: grab },
    { method: 'DELETE', path: `${A}/roles/${s.a.customRole.id}` },
    // A's role ids used under B's path: 404, never 409 (which would reveal a default role exists).
    { method: 'PATCH', path: `${B}/roles/${s.a.customRole.id}`, body: grab },
    { method: 'DELETE', path: `${B}/roles/${s.a.customRole.id}` },
    { method: 'PATCH', path: `${B}/roles/${s.a.adminRole.id}`, body: { description: 'mine now' } },
    { method: 'DELETE', path: `${B}/roles/${s.a.adminRole.id}` },
  ]);
  await expectUnchanged(request, s, before);
  const role = (before.a.roles as Role[]).find((r) => r.id === s.a.customRole.id);
  expect(role, "A's custom role as A's admin sees it").toMatchObject({ name: s.a.customRole.name, permissions: ['entity:read'], member_count: 1 });
});

test("A's API keys: list, create, and revoking A's key (under A's path and B's path) are 404 from team B; the key still works", async ({ request }) => {
  const s = await setup(request);
  const before = await snapshots(request, s);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/api-keys` },
    { method: 'POST', path: `${A}/api-keys`, body: { name: 'stolen', permissions: ['entity:read'] } },
    { method: 'DELETE', path: `${A}/api-keys/${s.a.keyId}` },
    { method: 'DELETE', path: `${A}/api-keys/${s.a.spareKey.id}` },
    { method: 'DELETE', path: `${B}/api-keys/${s.a.keyId}` },
    { method: 'DELETE', path: `${B}/api-keys/${s.a.spareKey.id}` },
  ]);
  await expectUnchanged(request, s, before);
  const keys = before.a.apiKeys as ApiKey[];
  expect(keys.map((k) => [k.id, k.status, k.revoked_at]).sort(), "A's keys as A's admin sees them").toEqual(
    [
      [s.a.keyId, 'active', null],
      [s.a.spareKey.id, 'active', null],
    ].sort(),
  );
  // A's key still works in A, and is itself a 404 under B's path.
  expect((await call(request, 'GET', `${A}/api-keys`, { token: s.a.key })).status(), "A's key in A").toBe(200);
  await expectError(await call(request, 'GET', B, { token: s.a.key }), 404, "A's key under B's path");
});

test("A's audit log is 404 from team B, B's own log never shows A's rows, and B's probes leave no trace in A's", async ({ request }) => {
  const s = await setup(request);
  const before = await snapshots(request, s);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/audit-logs` },
    { method: 'GET', path: `${A}/audit-logs?entity_type=member` },
    { method: 'GET', path: `${A}/audit-logs?actor_id=${s.a.admin.user.id}` },
  ]);
  // Filtering B's log by A's ids finds nothing of A's.
  for (const query of [`entity_id=${s.a.member.user.id}`, `actor_id=${s.a.admin.user.id}`, `entity_id=${s.a.customRole.id}`, `entity_id=${s.a.team.id}`]) {
    const { audit_logs } = await getJson<{ audit_logs: unknown[] }>(request, s.b.admin.token, `${B}/audit-logs?${query}`);
    expect(audit_logs, `B's audit log filtered by ${query}`).toEqual([]);
  }
  const { audit_logs: aLog } = await getJson<{ audit_logs: Array<{ entity_id: string }> }>(request, s.a.admin.token, `${A}/audit-logs?entity_id=${s.a.member.user.id}`);
  expect(aLog.length, "A's own log does hold A's member.added (the filter above could find it)").toBeGreaterThan(0);
  await expectUnchanged(request, s, before);
});

test("quick search: A's search is 404 from team B, and B's own search never finds A's entities", async ({ request }) => {
  const s = await setup(request);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  await createBlueprint(request, s.a.admin.token, s.a.team.slug, { id: 'service' });
  const created = await call(request, 'POST', `${A}/blueprints/service/entities`, { token: s.a.admin.token, body: { identifier: 'zebra-secret', title: 'Zebra secret', data: {} } });
  expect(created.status(), "A's entity").toBe(201);
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/search?q=zebra` },
    { method: 'GET', path: `${A}/search?q=zebra-secret&limit=20` },
  ]);
  for (const { name, token } of s.bCallers) {
    const { results } = await getJson<{ results: unknown[] }>(request, token, `${B}/search?q=zebra`);
    expect(results, `B's quick search by ${name}`).toEqual([]);
  }
  const { results } = await getJson<{ results: Array<{ identifier: string }> }>(request, s.a.admin.token, `${A}/search?q=zebra`);
  expect(results.map((r) => r.identifier), "A's own quick search finds it (the probes above could have)").toEqual(['zebra-secret']);
});
