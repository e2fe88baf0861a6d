import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addMember,
  call,
  createBlueprint,
  createTeam,
  expectError,
  expectJson,
  newApiContext,
  register,
  unique,
  type Method,
  type Session,
} from './support/api';

// The scorecard routes of docs/API.md over HTTP: who may call each (a viewer reads but cannot
// write, another team's ids are 404), the view with its ETag, If-Match, the 400s that name the
// rule, JSON merge patch, and a blueprint change refused for the scorecard it would break.

type Caller = 'admin' | 'editor' | 'viewer' | 'outsider' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'editor', 'viewer', 'outsider', 'anonymous'];
type World = { users: Record<Exclude<Caller, 'anonymous'>, Session>; team: string; outsiderTeam: string };

type Scorecard = {
  identifier: string;
  blueprint: string;
  title: string;
  description: string | null;
  levels: Array<{ name: string; color: string }>;
  filter: unknown;
  rules: Array<{ identifier: string; title: string; description: string | null; level: string; query: unknown }>;
  computed_at: string | null;
  recomputing: boolean;
  progress: { done: number; total: number } | null;
  created_at: string;
  updated_at: string;
};

let api: APIRequestContext;
let world: World;
const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, tier: { type: 'integer' } } };
const has = (property: string) => ({ combinator: 'and', rules: [{ property, operator: 'exists' }] });

test.beforeAll(async () => {
  api = await newApiContext();
  const [admin, editor, viewer, outsider] = await Promise.all(['admin', 'editor', 'viewer', 'outsider'].map((l) => register(api, l)));
  const team = await createTeam(api, admin.token);
  await addMember(api, admin.token, team.slug, editor.email, 'editor');
  await addMember(api, admin.token, team.slug, viewer.email, 'viewer');
  await createBlueprint(api, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  const outsiderTeam = await createTeam(api, outsider.token);
  await createBlueprint(api, outsider.token, outsiderTeam.slug, { id: 'service', schema: SCHEMA });
  world = { users: { admin, editor, viewer, outsider }, team: team.slug, outsiderTeam: outsiderTeam.slug };
});

test.afterAll(async () => {
  await api.dispose();
});

const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : world.users[caller].token);
const base = (team = world.team) => `/teams/${team}/blueprints/service/scorecards`;
const body = (identifier: string) => ({
  identifier,
  title: 'Readiness',
  rules: [{ identifier: 'owned', title: 'Owned', level: 'Bronze', query: has('owner') }],
});

/** A scorecard made by the admin for one cell. */
async function throwaway(): Promise<string> {
  const id = unique('sc');
  await expectJson(await call(api, 'POST', base(), { token: world.users.admin.token, body: body(id) }), 201, `create ${id}`);
  return id;
}

const read = (ok: number) => ({ admin: ok, editor: ok, viewer: ok, outsider: 404, anonymous: 401 });
const write = (ok: number) => ({ admin: ok, editor: ok, viewer: 403, outsider: 404, anonymous: 401 });

type Row = { method: Method; route: string; cell: () => Promise<{ path: string; body?: unknown }>; expected: Record<Caller, number> };
const ROWS: Row[] = [
  { method: 'GET', route: '/scorecards', cell: async () => ({ path: base() }), expected: read(200) },
  { method: 'POST', route: '/scorecards', cell: async () => ({ path: base(), body: body(unique('new')) }), expected: write(201) },
  { method: 'GET', route: '/scorecards/{sc}', cell: async () => ({ path: `${base()}/${await throwaway()}` }), expected: read(200) },
  {
    method: 'PUT',
    route: '/scorecards/{sc}',
    cell: async () => ({ path: `${base()}/${await throwaway()}`, body: { title: 'Replaced', rules: [] } }),
    expected: write(200),
  },
  {
    method: 'PATCH',
    route: '/scorecards/{sc}',
    cell: async () => ({ path: `${base()}/${await throwaway()}`, body: { title: 'Patched' } }),
    expected: write(200),
  },
  { method: 'DELETE', route: '/scorecards/{sc}', cell: async () => ({ path: `${base()}/${await throwaway()}` }), expected: write(204) },
];

test.describe('who may call each scorecard route', () => {
  for (const row of ROWS) {
    test(`${row.method} ${row.route}`, async () => {
      for (const caller of CALLERS) {
        const { path, body: data } = await row.cell();
        const res = await call(api, row.method, path, { token: tokenOf(caller), body: data });
        const status = row.expected[caller];
        if (status >= 400) await expectError(res, status, `${row.method} ${row.route} as ${caller}`);
        else expect(res.status(), `${row.method} ${row.route} as ${caller}: ${await res.text()}`).toBe(status);
      }
    });
  }

  test("another team's admin gets 404 for our scorecard under their team and under ours, and nothing changes", async () => {
    const id = await throwaway();
    const outsider = world.users.outsider.token;
    for (const team of [world.outsiderTeam, world.team]) {
      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
        const data = method === 'PUT' ? { title: 'Stolen', rules: [] } : method === 'PATCH' ? { title: 'Stolen' } : undefined;
        await expectError(await call(api, method, `${base(team)}/${id}`, { token: outsider, body: data }), 404, `${method} ${team}`);
      }
    }
    const mine = await expectJson<Scorecard>(await call(api, 'GET', `${base()}/${id}`, { token: world.users.admin.token }), 200, 'kept');
    expect(mine.title).toBe('Readiness');
    const admin = world.users.admin.token;
    await expectError(await call(api, 'GET', `/teams/${world.team}/blueprints/nope/scorecards`, { token: admin }), 404, 'no blueprint');
    await expectError(await call(api, 'GET', `${base()}/Not.An.Id`, { token: admin }), 404, 'an id that cannot exist');
  });
});

test.describe('scorecard bodies', () => {
  test('POST answers the view with its ETag; PATCH merges with If-Match; a stale one is 409', async () => {
    const admin = world.users.admin.token;
    const id = unique('sc');
    const created = await call(api, 'POST', base(), { token: admin, body: { ...body(id), filter: has('tier') } });
    const view = await expectJson<Scorecard>(created, 201, 'create');
    expect(created.headers().etag).toBe('"1"');
    expect(view).toMatchObject({
      identifier: id,
      blueprint: 'service',
      levels: [{ name: 'Basic' }, { name: 'Bronze' }, { name: 'Silver' }, { name: 'Gold' }],
      filter: has('tier'),
      rules: [{ identifier: 'owned', title: 'Owned', description: null, level: 'Bronze', query: has('owner') }],
      recomputing: true,
    });
    const patched = await call(api, 'PATCH', `${base()}/${id}`, { token: admin, body: { filter: null }, headers: { 'if-match': '"1"' } });
    expect((await expectJson<Scorecard>(patched, 200, 'patch')).filter).toBeNull();
    expect(patched.headers().etag).toBe('"2"');
    const stale = await expectError(
      await call(api, 'PATCH', `${base()}/${id}`, { token: admin, body: { title: 'x' }, headers: { 'if-match': '"1"' } }),
      409,
      'stale',
    );
    expect(stale.error.details).toMatchObject({ reason: 'stale_version' });
    await expectError(await call(api, 'POST', base(), { token: admin, body: body(id) }), 409, 'taken identifier');
  });

  test('a fault names its rule: 400 for a query, 422 for a level, 400 for an unknown field', async () => {
    const admin = world.users.admin.token;
    const bad = {
      ...body(unique('sc')),
      rules: [...body('x').rules, { identifier: 'tier', title: 'T', level: 'Gold', query: has('nope') }],
    };
    const query = await expectError(await call(api, 'POST', base(), { token: admin, body: bad }), 400, 'query fault');
    expect(query.error.details).toMatchObject({ path: 'rules[1].query.rules[0].property' });
    const level = { ...body(unique('sc')), rules: [{ identifier: 'a', title: 'A', level: 'Basic', query: has('owner') }] };
    const levelFault = await expectError(await call(api, 'POST', base(), { token: admin, body: level }), 422, 'level fault');
    expect(levelFault.error.details).toEqual([{ path: '/rules/0/level', message: expect.any(String) }]);
    await expectError(await call(api, 'POST', base(), { token: admin, body: { ...body(unique('sc')), weight: 1 } }), 400, 'unknown');
  });

  test('a blueprint schema change that breaks a rule is 409 scorecard_impact', async () => {
    const admin = world.users.admin.token;
    const id = await throwaway();
    const res = await call(api, 'PATCH', `/teams/${world.team}/blueprints/service`, {
      token: admin,
      body: { schema: { type: 'object', properties: { tier: { type: 'integer' } } } },
    });
    const error = await expectError(res, 409, 'impact');
    const details = error.error.details as unknown as { reason: string; scorecards: Array<{ scorecard: string; rule: string | null }> };
    expect(details.reason).toBe('scorecard_impact');
    expect(details.scorecards).toContainEqual(expect.objectContaining({ scorecard: id, rule: 'owned' }));
  });
});
