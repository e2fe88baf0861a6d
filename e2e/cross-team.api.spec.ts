import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addMember,
  call,
  createApiKey,
  createBlueprint,
  createRole,
  createTeam,
  db,
  expectError,
  expectJson,
  getJson,
  insertEntities,
  register,
  unique,
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
    expect(
      teams.map((t) => t.slug),
      `GET /teams by ${name}`,
    ).toEqual([s.b.team.slug]);
    const me = await getJson<{ teams: Team[] }>(request, token, '/auth/me');
    expect(
      me.teams.map((t) => t.slug),
      `GET /auth/me by ${name}`,
    ).toEqual([s.b.team.slug]);
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

test("A's group mappings: list, create, and deleting A's mapping (under A's path and B's path) are 404 from team B; it stays", async ({
  request,
}) => {
  const s = await setup(request);
  const mapping = await expectJson<{ id: string; group: string }>(
    await call(request, 'POST', `/teams/${s.a.team.slug}/group-mappings`, {
      token: s.a.admin.token,
      body: { group: unique('a-group'), role: 'viewer' },
    }),
    201,
    "A's mapping",
  );
  const before = await snapshots(request, s);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/group-mappings` },
    { method: 'POST', path: `${A}/group-mappings`, body: { group: 'b-people', role: 'admin' } },
    { method: 'DELETE', path: `${A}/group-mappings/${mapping.id}` },
    { method: 'DELETE', path: `${B}/group-mappings/${mapping.id}` },
  ]);
  await expectUnchanged(request, s, before);
  const list = await getJson<{ group_mappings: Array<{ id: string }> }>(request, s.a.admin.token, `${A}/group-mappings`);
  expect(list.group_mappings.map((m) => m.id)).toEqual([mapping.id]);
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
  expect(role, "A's custom role as A's admin sees it").toMatchObject({
    name: s.a.customRole.name,
    permissions: ['entity:read'],
    member_count: 1,
  });
});

test("A's API keys: list, create, and revoking A's key (under A's path and B's path) are 404 from team B; the key still works", async ({
  request,
}) => {
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

test("A's invitations: list, create and revoke (under A's path and B's path) are 404 from team B; A's link still works", async ({
  request,
}) => {
  const s = await setup(request);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  const invitee = await register(request, 'a-invitee');
  const created = await call(request, 'POST', `${A}/invitations`, {
    token: s.a.admin.token,
    body: { email: invitee.email, role: 'viewer' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { invitation, token } = (await created.json()) as { invitation: { id: string }; token: string };
  const pendingOfA = () => getJson<{ invitations: Array<{ id: string }> }>(request, s.a.admin.token, `${A}/invitations`);
  const before = { ...(await snapshots(request, s)), pending: await pendingOfA() };
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/invitations` },
    { method: 'POST', path: `${A}/invitations`, body: { email: 'stolen@example.com', role: 'viewer' } },
    { method: 'DELETE', path: `${A}/invitations/${invitation.id}` },
    { method: 'DELETE', path: `${B}/invitations/${invitation.id}` },
  ]);
  await expectUnchanged(request, s, before);
  expect(await pendingOfA(), "A's pending invitations after B's probes").toEqual(before.pending);
  expect(before.pending.invitations.map((i) => i.id)).toEqual([invitation.id]);
  // B's own list never shows A's invitation, and A's link still lets the invitee join A.
  const { invitations } = await getJson<{ invitations: unknown[] }>(request, s.b.admin.token, `${B}/invitations`);
  expect(invitations, "B's pending invitations").toEqual([]);
  const joined = await call(request, 'POST', '/invitations/accept', { token: invitee.token, body: { token } });
  expect(joined.status(), await joined.text()).toBe(200);
  expect(((await joined.json()) as { team: { slug: string } }).team.slug).toBe(s.a.team.slug);
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
  for (const query of [
    `entity_id=${s.a.member.user.id}`,
    `actor_id=${s.a.admin.user.id}`,
    `entity_id=${s.a.customRole.id}`,
    `entity_id=${s.a.team.id}`,
  ]) {
    const { audit_logs } = await getJson<{ audit_logs: unknown[] }>(request, s.b.admin.token, `${B}/audit-logs?${query}`);
    expect(audit_logs, `B's audit log filtered by ${query}`).toEqual([]);
  }
  const { audit_logs: aLog } = await getJson<{ audit_logs: Array<{ entity_id: string }> }>(
    request,
    s.a.admin.token,
    `${A}/audit-logs?entity_id=${s.a.member.user.id}`,
  );
  expect(aLog.length, "A's own log does hold A's member.added (the filter above could find it)").toBeGreaterThan(0);
  await expectUnchanged(request, s, before);
});

test("A's OpenAPI document is 404 from team B, and B's own document never shows A's blueprints", async ({ request }) => {
  const s = await setup(request);
  await createBlueprint(request, s.a.admin.token, s.a.team.slug, {
    id: 'a-only-vault',
    schema: { type: 'object', properties: { a_secret_field: { type: 'string' } } },
  });
  await createBlueprint(request, s.b.admin.token, s.b.team.slug, { id: 'b-service' });
  const A = `/teams/${s.a.team.slug}`;
  await expectAll404(request, s, [{ method: 'GET', path: `${A}/openapi.json` }]);
  // B's key has no blueprint:read: its own document is 403, A's stays 404 (above); B's admin reads B's.
  await expectError(
    await call(request, 'GET', `/teams/${s.b.team.slug}/openapi.json`, { token: s.b.key }),
    403,
    "B's key without blueprint:read",
  );
  const own = await call(request, 'GET', `/teams/${s.b.team.slug}/openapi.json`, { token: s.b.admin.token });
  expect(own.status(), "B's admin reads B's document").toBe(200);
  const text = await own.text();
  expect(text.includes('/blueprints/b-service/entities'), "B's document has B's blueprint").toBe(true);
  expect(
    ['a-only-vault', 'a_secret_field', s.a.team.slug].filter((x) => text.includes(x)),
    "A's names in B's document",
  ).toEqual([]);
});

test("A's entity: restoring one of its versions (under A's path, and under B's own blueprint of the same id) is 404 from team B; the entity stays", async ({
  request,
}) => {
  const s = await setup(request);
  const schema = { type: 'object', properties: { n: { type: 'integer' } } };
  const A = `/teams/${s.a.team.slug}/blueprints/service/entities`;
  const B = `/teams/${s.b.team.slug}/blueprints/service/entities`;
  await createBlueprint(request, s.a.admin.token, s.a.team.slug, { id: 'service', schema });
  await createBlueprint(request, s.b.admin.token, s.b.team.slug, { id: 'service', schema });
  expect((await call(request, 'POST', A, { token: s.a.admin.token, body: { identifier: 'svc/api', data: { n: 1 } } })).status()).toBe(201);
  expect((await call(request, 'PATCH', `${A}/svc%2Fapi`, { token: s.a.admin.token, body: { data: { n: 2 } } })).status()).toBe(200);
  const before = await snapshots(request, s);
  await expectAll404(request, s, [{ method: 'POST', path: `${A}/svc%2Fapi/restore`, body: { version: 1 } }]);
  // B's admin may write entities in B, and B has a blueprint "service": still no entity of A's there.
  await expectError(
    await call(request, 'POST', `${B}/svc%2Fapi/restore`, { token: s.b.admin.token, body: { version: 1 } }),
    404,
    "A's identifier under B's blueprint",
  );
  await expectUnchanged(request, s, before);
  const entity = await call(request, 'GET', `${A}/svc%2Fapi`, { token: s.a.admin.token });
  expect(entity.headers().etag, "A's entity is still at version 2").toBe('"2"');
  expect((await entity.json()).data).toEqual({ n: 2 });
});

test("A's deleted entity: restoring it by its id (the Undo of a delete) is 404 from team B, under A's path and B's own blueprint; A can", async ({
  request,
}) => {
  const s = await setup(request);
  const schema = { type: 'object', properties: { n: { type: 'integer' } } };
  const A = `/teams/${s.a.team.slug}/blueprints/service/entities`;
  const B = `/teams/${s.b.team.slug}/blueprints/service/entities`;
  await createBlueprint(request, s.a.admin.token, s.a.team.slug, { id: 'service', schema });
  await createBlueprint(request, s.b.admin.token, s.b.team.slug, { id: 'service', schema });
  const created = await call(request, 'POST', A, { token: s.a.admin.token, body: { identifier: 'gone', data: { n: 1 } } });
  const id = ((await created.json()) as { id: string }).id;
  expect((await call(request, 'DELETE', `${A}/gone`, { token: s.a.admin.token })).status()).toBe(204);
  const before = await snapshots(request, s);
  const body = { version: 1, entity_id: id };
  await expectAll404(request, s, [{ method: 'POST', path: `${A}/gone/restore`, body }]);
  await expectError(
    await call(request, 'POST', `${B}/gone/restore`, { token: s.b.admin.token, body }),
    404,
    "A's deleted entity under B's blueprint",
  );
  await expectUnchanged(request, s, before);
  const restored = await call(request, 'POST', `${A}/gone/restore`, { token: s.a.admin.token, body });
  expect(restored.status(), "A's own admin restores it").toBe(200);
  expect(((await restored.json()) as { id: string }).id).toBe(id);
});

test("A's catalog search: list with sort and q, search and facets of A's blueprint are 404 from team B, under A's path and B's", async ({
  request,
}) => {
  const s = await setup(request);
  const schema = { type: 'object', properties: { status: { type: 'string' } } };
  await createBlueprint(request, s.a.admin.token, s.a.team.slug, { id: 'secret-bp', schema });
  await insertEntities(s.a.team.id, 'secret-bp', [{ identifier: 'a-secret', data: { status: 'classified' } }]);
  // B has a blueprint of its own, named differently, so B's path is a real team path.
  await createBlueprint(request, s.b.admin.token, s.b.team.slug, { id: 'open-bp', schema });
  const query = { rules: [{ property: 'status', operator: '=', value: 'classified' }] };
  const probes = (team: string): Probe[] => [
    { method: 'GET', path: `/teams/${team}/blueprints/secret-bp/entities?sort=data.status&q=secret` },
    { method: 'POST', path: `/teams/${team}/blueprints/secret-bp/entities/search`, body: { query } },
    {
      method: 'GET',
      path: `/teams/${team}/blueprints/secret-bp/facets?property=status&query=${encodeURIComponent(JSON.stringify(query))}`,
    },
    { method: 'POST', path: `/teams/${team}/blueprints/secret-bp/facets`, body: { property: 'status', query } },
  ];
  await expectAll404(request, s, [...probes(s.a.team.slug), ...probes(s.b.team.slug)]);
  // B's own search finds nothing of A's, and A's own search does find it (the probe above could).
  for (const { name, token } of s.bCallers) {
    const res = await call(request, 'POST', `/teams/${s.b.team.slug}/blueprints/open-bp/entities/search`, { token, body: { q: 'secret' } });
    expect(res.status(), name).toBe(200);
    expect(((await res.json()) as { entities: unknown[] }).entities, name).toEqual([]);
  }
  const own = await call(request, 'POST', `/teams/${s.a.team.slug}/blueprints/secret-bp/entities/search`, {
    token: s.a.admin.token,
    body: { query },
  });
  expect(((await own.json()) as { total: number }).total).toBe(1);
});

test("A's relations: A's graph, delete dry run and links are 404 from team B; A's identifiers are missing targets for B's links and relatedTo", async ({
  request,
}) => {
  const s = await setup(request);
  const schema = { type: 'object', properties: {} };
  for (const side of [s.a, s.b]) {
    await createBlueprint(request, side.admin.token, side.team.slug, { id: 'cluster', schema });
    await createBlueprint(request, side.admin.token, side.team.slug, {
      id: 'service',
      schema,
      relations: { runs_on: { target: 'cluster', type: 'many-to-one' } },
    });
  }
  const A = `/teams/${s.a.team.slug}/blueprints`;
  const B = `/teams/${s.b.team.slug}/blueprints`;
  expect(
    (
      await call(request, 'POST', `${A}/cluster/entities`, { token: s.a.admin.token, body: { identifier: 'a-cluster', data: {} } })
    ).status(),
  ).toBe(201);
  expect(
    (
      await call(request, 'POST', `${A}/service/entities`, {
        token: s.a.admin.token,
        body: { identifier: 'a-svc', data: {}, relations: { runs_on: 'a-cluster' } },
      })
    ).status(),
  ).toBe(201);
  const before = await snapshots(request, s);
  const probes = (base: string): Probe[] => [
    { method: 'GET', path: `${base}/service/entities/a-svc/graph` },
    { method: 'GET', path: `${base}/cluster/entities/a-cluster/graph?direction=downstream` },
  ];
  // (Under B's own path B's key lacks entity:delete, a 403 about B's team: the dry run is probed under A's path.)
  await expectAll404(request, s, [...probes(A), ...probes(B), { method: 'DELETE', path: `${A}/cluster/entities/a-cluster?dry_run=true` }]);
  await expectError(
    await call(request, 'DELETE', `${B}/cluster/entities/a-cluster?dry_run=true`, { token: s.b.admin.token }),
    404,
    "A's entity under B's blueprint, by B's admin",
  );
  // B links its own service to A's cluster identifier: a missing target (422), never a link.
  const link = await call(request, 'POST', `${B}/service/entities`, {
    token: s.b.admin.token,
    body: { identifier: 'b-svc', data: {}, relations: { runs_on: 'a-cluster' } },
  });
  const error = await expectError(link, 422, "B linking to A's identifier");
  expect(error.error.details).toEqual([{ path: '/relations/runs_on', message: expect.stringContaining('a-cluster') }]);
  // relatedTo in B with A's identifier finds nothing; in A it finds A's service.
  const query = { rules: [{ operator: 'relatedTo', blueprint: 'cluster', value: 'a-cluster', direction: 'downstream', max_hops: 3 }] };
  for (const { name, token } of s.bCallers) {
    const res = await call(request, 'POST', `${B}/service/entities/search`, { token, body: { query } });
    expect(res.status(), name).toBe(200);
    expect(((await res.json()) as { entities: unknown[] }).entities, name).toEqual([]);
  }
  const own = await call(request, 'POST', `${A}/service/entities/search`, { token: s.a.admin.token, body: { query } });
  expect(((await own.json()) as { entities: Array<{ identifier: string }> }).entities.map((e) => e.identifier)).toEqual(['a-svc']);
  await expectUnchanged(request, s, before);
});

test("quick search: A's search is 404 from team B, and B's own search never finds A's entities", async ({ request }) => {
  const s = await setup(request);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  await createBlueprint(request, s.a.admin.token, s.a.team.slug, { id: 'service' });
  const created = await call(request, 'POST', `${A}/blueprints/service/entities`, {
    token: s.a.admin.token,
    body: { identifier: 'zebra-secret', title: 'Zebra secret', data: {} },
  });
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
  expect(
    results.map((r) => r.identifier),
    "A's own quick search finds it (the probes above could have)",
  ).toEqual(['zebra-secret']);
});

test("A's groups: list, read, change, delete and their members are 404 from team B; B cannot name A's group as an owner", async ({
  request,
}) => {
  const s = await setup(request);
  const A = `/teams/${s.a.team.slug}`;
  const B = `/teams/${s.b.team.slug}`;
  const admin = { token: s.a.admin.token };
  expect((await call(request, 'POST', `${A}/groups`, { ...admin, body: { identifier: 'a-team', title: "A's team" } })).status()).toBe(201);
  const added = await call(request, 'POST', `${A}/groups/a-team/members`, { ...admin, body: { user_id: s.a.member.user.id } });
  expect(added.status(), await added.text()).toBe(201);
  for (const side of [s.a, s.b]) await createBlueprint(request, side.admin.token, side.team.slug, { id: 'service' });
  const owned = await call(request, 'POST', `${A}/blueprints/service/entities`, {
    ...admin,
    body: { identifier: 'a-svc', data: {}, owners: ['a-team'] },
  });
  expect(owned.status(), await owned.text()).toBe(201);
  const groupOf = () => getJson<{ title: string; member_count: number }>(request, s.a.admin.token, `${A}/groups/a-team`);
  const groupBefore = await groupOf();
  const before = await snapshots(request, s);
  await expectAll404(request, s, [
    { method: 'GET', path: `${A}/groups` },
    { method: 'POST', path: `${A}/groups`, body: { identifier: 'intruder', title: 'Intruder' } },
    { method: 'GET', path: `${A}/groups/a-team` },
    { method: 'PATCH', path: `${A}/groups/a-team`, body: { title: 'Taken' } },
    { method: 'DELETE', path: `${A}/groups/a-team` },
    { method: 'GET', path: `${A}/groups/a-team/members` },
    { method: 'POST', path: `${A}/groups/a-team/members`, body: { user_id: s.b.admin.user.id } },
    { method: 'DELETE', path: `${A}/groups/a-team/members/${s.a.member.user.id}` },
    // A's group identifier under B's path: B has no such group.
    { method: 'GET', path: `${B}/groups/a-team` },
    { method: 'PATCH', path: `${B}/groups/a-team`, body: { title: 'Taken' } },
    { method: 'DELETE', path: `${B}/groups/a-team` },
    { method: 'GET', path: `${B}/groups/a-team/members` },
    { method: 'DELETE', path: `${B}/groups/a-team/members/${s.a.member.user.id}` },
  ]);
  // B's own group cannot take A's member: they are not a member of B (422), never a membership.
  expect(
    (await call(request, 'POST', `${B}/groups`, { token: s.b.admin.token, body: { identifier: 'b-team', title: 'B' } })).status(),
  ).toBe(201);
  const foreign = await call(request, 'POST', `${B}/groups/b-team/members`, {
    token: s.b.admin.token,
    body: { user_id: s.a.member.user.id },
  });
  await expectError(foreign, 422, "A's member in B's group");
  // B's entity naming A's group as its owner: 422 naming it (no cross-team owners).
  const named = await call(request, 'POST', `${B}/blueprints/service/entities`, {
    token: s.b.admin.token,
    body: { identifier: 'b-svc', data: {}, owners: ['a-team'] },
  });
  const error = await expectError(named, 422, "B naming A's group");
  expect(error.error.details).toEqual([{ path: '/owners/0', message: 'there is no group "a-team" in this team' }]);
  // B's search by A's group finds nothing of A's.
  const query = { rules: [{ property: '$owners', operator: 'containsAny', value: ['a-team'] }] };
  for (const { name, token } of s.bCallers) {
    const res = await call(request, 'POST', `${B}/blueprints/service/entities/search`, { token, body: { query } });
    expect(res.status(), name).toBe(200);
    expect(((await res.json()) as { entities: unknown[] }).entities, name).toEqual([]);
  }
  expect(await groupOf()).toEqual(groupBefore);
  expect(groupBefore.member_count).toBe(1);
  const after = await snapshots(request, s);
  expect(after.a).toEqual(before.a);
});

test("a person's own credentials: another person's session, login token and personal token ids are 404 and keep working; a personal token of team A is 404 under team B", async ({
  request,
}) => {
  const s = await setup(request);
  const a = s.a.admin;
  // A person of both teams, whose personal token reaches team A only.
  await addMember(request, s.b.admin.token, s.b.team.slug, s.a.member.email, 'viewer');
  const pat = await expectJson<{ personal_token: { id: string }; token: string }>(
    await call(request, 'POST', '/auth/personal-tokens', {
      token: s.a.member.token,
      body: { name: 'a-only', team_ids: [s.a.team.id], permissions: ['entity:read'], expires_in_days: 1 },
    }),
    201,
    "A's member makes a token for team A",
  );
  await expectJson(await call(request, 'GET', `/teams/${s.a.team.slug}/members`, { token: pat.token }), 200, 'the token in team A');
  await expectError(await call(request, 'GET', `/teams/${s.b.team.slug}/members`, { token: pat.token }), 404, 'the same token in team B');
  await expectError(
    await call(request, 'POST', '/auth/personal-tokens', {
      token: s.b.admin.token,
      body: { name: 'reach-a', team_ids: [s.a.team.id], permissions: ['entity:read'], expires_in_days: 1 },
    }),
    422,
    "B's admin naming team A in a token",
  );

  const session = await db().query<{ id: string }>(
    `INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    [a.user.id],
  );
  const tokens = await expectJson<{ login_tokens: Array<{ id: string }> }>(
    await call(request, 'GET', '/auth/tokens', { token: a.token }),
    200,
    "A's login tokens",
  );
  const mine = await expectJson<{ personal_token: { id: string }; token: string }>(
    await call(request, 'POST', '/auth/personal-tokens', {
      token: a.token,
      body: { name: 'a-admin', team_ids: [s.a.team.id], permissions: ['entity:read'], expires_in_days: 1 },
    }),
    201,
    "A's admin makes a token",
  );
  const probes = [
    `/auth/sessions/${session.rows[0].id}`,
    `/auth/tokens/${tokens.login_tokens[0].id}`,
    `/auth/personal-tokens/${mine.personal_token.id}`,
  ];
  for (const path of probes) {
    await expectError(await call(request, 'DELETE', path, { token: s.b.admin.token }), 404, `B's admin: DELETE ${path}`);
  }
  // B's admin's lists never show A's rows.
  const bSessions = await expectJson<{ sessions: Array<{ id: string }> }>(
    await call(request, 'GET', '/auth/sessions', { token: s.b.admin.token }),
    200,
    "B's sessions",
  );
  expect(bSessions.sessions.map((x) => x.id)).not.toContain(session.rows[0].id);
  const bTokens = await expectJson<{ personal_tokens: Array<{ id: string }> }>(
    await call(request, 'GET', '/auth/personal-tokens', { token: s.b.admin.token }),
    200,
    "B's personal tokens",
  );
  expect(bTokens.personal_tokens).toEqual([]);
  // A's credentials still work.
  await expectJson(await call(request, 'GET', '/auth/me', { token: a.token }), 200, "A's login token");
  await expectJson(await call(request, 'GET', `/teams/${s.a.team.slug}`, { token: mine.token }), 200, "A's personal token");
  const still = await db().query('SELECT 1 FROM user_sessions WHERE id = $1', [session.rows[0].id]);
  expect(still.rowCount).toBe(1);
});
