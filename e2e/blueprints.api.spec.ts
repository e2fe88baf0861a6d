import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addMember,
  call,
  createBlueprint,
  createTeam,
  expectError,
  expectJson,
  insertEntities,
  newApiContext,
  register,
  unique,
  type Blueprint,
  type Method,
  type Session,
} from './support/api';

// The blueprint routes of docs/API.md: every status code of every route for each kind of
// caller, then the body rules (unknown fields, schema checking with paths into the schema, per-team
// ids) and the schema change that existing entities would fail: 409 with a count and a sample,
// then saved with ?force=true. The callers' world is made once; each cell that changes or deletes
// something gets a blueprint of its own.

type Caller = 'admin' | 'editor' | 'viewer' | 'outsider' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'editor', 'viewer', 'outsider', 'anonymous'];

type World = { users: Record<Exclude<Caller, 'anonymous'>, Session>; team: { id: string; slug: string }; outsiderTeam: string };

let api: APIRequestContext;
let world: World;

test.beforeAll(async () => {
  api = await newApiContext();
  const [admin, editor, viewer, outsider] = await Promise.all(['admin', 'editor', 'viewer', 'outsider'].map((l) => register(api, l)));
  const team = await createTeam(api, admin.token);
  await addMember(api, admin.token, team.slug, editor.email, 'editor');
  await addMember(api, admin.token, team.slug, viewer.email, 'viewer');
  const outsiderTeam = await createTeam(api, outsider.token);
  world = { users: { admin, editor, viewer, outsider }, team: { id: team.id, slug: team.slug }, outsiderTeam: outsiderTeam.slug };
});

test.afterAll(async () => {
  await api.dispose();
});

const tokenOf = (caller: Caller) => (caller === 'anonymous' ? undefined : world.users[caller].token);
const base = () => `/teams/${world.team.slug}/blueprints`;
const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, tier: { type: 'integer', minimum: 1 } } };

type Row = { method: Method; route: string; cell: () => Promise<{ path: string; body?: unknown }>; expected: Record<Caller, number> };

/** A blueprint made by the admin for one cell. */
async function throwaway(): Promise<string> {
  const id = unique('bp').replace(/-/g, '_').slice(0, 40);
  await createBlueprint(api, world.users.admin.token, world.team.slug, { id, schema: SCHEMA });
  return id;
}

const read = (ok: number) => ({ admin: ok, editor: ok, viewer: ok, outsider: 404, anonymous: 401 });
const write = (ok: number) => ({ admin: ok, editor: ok, viewer: 403, outsider: 404, anonymous: 401 });
const destroy = (ok: number) => ({ admin: ok, editor: 403, viewer: 403, outsider: 404, anonymous: 401 });

const ROWS: Row[] = [
  { method: 'GET', route: '/blueprints', cell: async () => ({ path: base() }), expected: read(200) },
  {
    method: 'POST',
    route: '/blueprints',
    cell: async () => ({ path: base(), body: { id: unique('new').replace(/-/g, '_').slice(0, 40), title: 'New', schema: SCHEMA } }),
    expected: write(201),
  },
  { method: 'GET', route: '/blueprints/{id}', cell: async () => ({ path: `${base()}/${await throwaway()}` }), expected: read(200) },
  {
    method: 'PUT',
    route: '/blueprints/{id}',
    cell: async () => ({ path: `${base()}/${await throwaway()}`, body: { title: 'Replaced', schema: SCHEMA } }),
    expected: write(200),
  },
  {
    method: 'PATCH',
    route: '/blueprints/{id}',
    cell: async () => ({ path: `${base()}/${await throwaway()}`, body: { title: 'Patched' } }),
    expected: write(200),
  },
  {
    method: 'DELETE',
    route: '/blueprints/{id}?dry_run=true',
    cell: async () => ({ path: `${base()}/${await throwaway()}?dry_run=true` }),
    expected: destroy(200),
  },
  { method: 'DELETE', route: '/blueprints/{id}', cell: async () => ({ path: `${base()}/${await throwaway()}` }), expected: destroy(204) },
];

test.describe('who may call each blueprint route', () => {
  for (const row of ROWS) {
    test(`${row.method} ${row.route}`, async () => {
      for (const caller of CALLERS) {
        const { path, body } = await row.cell();
        const res = await call(api, row.method, path, { token: tokenOf(caller), body });
        const status = row.expected[caller];
        if (status >= 400) await expectError(res, status, `${row.method} ${row.route} as ${caller}`);
        else expect(res.status(), `${row.method} ${row.route} as ${caller}: ${await res.text()}`).toBe(status);
      }
    });
  }

  test("another team's admin gets 404 under their own team for our blueprint, and under ours for everything", async () => {
    const id = await throwaway();
    const outsider = world.users.outsider.token;
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const body = method === 'PATCH' ? { title: 'Stolen' } : undefined;
      await expectError(
        await call(api, method, `/teams/${world.outsiderTeam}/blueprints/${id}`, { token: outsider, body }),
        404,
        `${method} via own team`,
      );
    }
    const mine = await expectJson<Blueprint>(
      await call(api, 'GET', `${base()}/${id}`, { token: world.users.admin.token }),
      200,
      'still there',
    );
    expect(mine).toMatchObject({ id, title: id, version: 1 });
    await expectError(await call(api, 'GET', `${base()}/Not-An-Id`, { token: world.users.admin.token }), 404, 'an id that cannot exist');
  });
});

test.describe('blueprint bodies and queries', () => {
  test('POST returns the view; GET lists it with its entity count; a duplicate id is 409 but another team may use it', async () => {
    const admin = world.users.admin.token;
    const id = await throwaway();
    await insertEntities(world.team.id, id, [{ identifier: 'one', data: { owner: 'x' } }]);
    const one = await expectJson<Blueprint>(await call(api, 'GET', `${base()}/${id}`, { token: admin }), 200, 'get');
    expect(one).toEqual({
      id,
      title: id,
      description: null,
      icon: null,
      schema: SCHEMA,
      relations: {},
      entity_count: 1,
      version: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const list = await expectJson<{ blueprints: Blueprint[]; next_cursor: string | null }>(
      await call(api, 'GET', `${base()}?limit=1000`, { token: admin }),
      200,
      'list',
    );
    expect(list.blueprints.find((b) => b.id === id)?.entity_count).toBe(1);

    await expectError(await call(api, 'POST', base(), { token: admin, body: { id, title: 'Again', schema: SCHEMA } }), 409, 'duplicate id');
    await createBlueprint(api, world.users.outsider.token, world.outsiderTeam, { id, schema: SCHEMA });
  });

  test('unknown fields, unknown query parameters and bad flag values are 400', async () => {
    const admin = world.users.admin.token;
    const id = await throwaway();
    const relations = await expectError(
      await call(api, 'POST', base(), {
        token: admin,
        body: { id: 'rel_test', title: 'R', schema: SCHEMA, relations: { x: { target: id, colour: 'red' } } },
      }),
      400,
      'unknown field of a relation',
    );
    expect(relations.error.message).toContain('colour');
    await expectError(
      await call(api, 'PATCH', `${base()}/${id}`, { token: admin, body: { title: 'x', version: 3 } }),
      400,
      'PATCH version',
    );
    await expectError(await call(api, 'GET', `${base()}?sort=title`, { token: admin }), 400, 'unknown list param');
    await expectError(
      await call(api, 'PATCH', `${base()}/${id}?dry_run=true`, { token: admin, body: { title: 'x' } }),
      400,
      'dry_run on PATCH',
    );
    await expectError(await call(api, 'PATCH', `${base()}/${id}?force=yes`, { token: admin, body: { title: 'x' } }), 400, 'force=yes');
    await expectError(await call(api, 'DELETE', `${base()}/${id}?force=true`, { token: admin }), 400, 'force on DELETE');
    await expectError(await call(api, 'GET', `${base()}?limit=0`, { token: admin }), 400, 'limit 0');
  });

  test('a schema that is not valid JSON Schema, or not an object, is 422 with paths into it', async () => {
    const admin = world.users.admin.token;
    const bad = await expectError(
      await call(api, 'POST', base(), {
        token: admin,
        body: {
          id: 'bad_schema',
          title: 'Bad',
          schema: { type: 'object', properties: { tier: { type: 'integer', minimum: 'one' }, name: { type: 'string', pattern: '(' } } },
        },
      }),
      422,
      'bad schema',
    );
    expect(bad.error.details?.map((d) => d.path).sort()).toEqual(['/schema/properties/tier/minimum']);
    const regex = await expectError(
      await call(api, 'POST', base(), {
        token: admin,
        body: { id: 'bad_schema', title: 'Bad', schema: { type: 'object', properties: { name: { type: 'string', pattern: '(' } } } },
      }),
      422,
      'bad regex',
    );
    expect(regex.error.details).toEqual([{ path: '/schema/properties/name/pattern', message: expect.any(String) }]);
    const array = await expectError(
      await call(api, 'POST', base(), { token: admin, body: { id: 'bad_schema', title: 'Bad', schema: { type: 'array' } } }),
      422,
      'array schema',
    );
    expect(array.error.details).toEqual([{ path: '/schema/type', message: 'must be "object"' }]);
    const id = await throwaway();
    const patch = await expectError(
      await call(api, 'PATCH', `${base()}/${id}`, { token: admin, body: { schema: { type: 'object', required: 'owner' } } }),
      422,
      'PATCH bad schema',
    );
    expect(patch.error.details).toEqual([{ path: '/schema/required', message: 'Must be a list' }]);
    await expectError(
      await call(api, 'POST', base(), { token: admin, body: { id: 'Bad Id', title: 'Bad', schema: SCHEMA } }),
      422,
      'bad id',
    );
    await expectError(await call(api, 'GET', `${base()}/bad_schema`, { token: admin }), 404, 'nothing was created');
  });

  test('a schema change existing entities would fail is 409 with a count and a sample; force=true saves it', async () => {
    const admin = world.users.admin.token;
    const id = await throwaway();
    await insertEntities(world.team.id, id, [
      { identifier: 'good', data: { owner: 'core', tier: 1 } },
      { identifier: 'no-owner', data: { tier: 2 } },
      { identifier: 'no-owner-either', data: {} },
    ]);
    const strict = { ...SCHEMA, required: ['owner'] };
    const refused = await expectError(
      await call(api, 'PUT', `${base()}/${id}`, { token: admin, body: { title: 'Strict', schema: strict } }),
      409,
      'incompatible',
    );
    const details = refused.error.details as unknown as {
      failing_count: number;
      failing_count_is_lower_bound: boolean;
      sample: Array<{ identifier: string; errors: Array<{ path: string }> }>;
    };
    expect(details.failing_count).toBe(2);
    expect(details.failing_count_is_lower_bound).toBe(false);
    expect(details.sample.map((s) => s.identifier).sort()).toEqual(['no-owner', 'no-owner-either']);
    expect(details.sample[0].errors).toEqual([{ path: '/data/owner', message: expect.any(String) }]);
    const unchanged = await expectJson<Blueprint>(await call(api, 'GET', `${base()}/${id}`, { token: admin }), 200, 'unchanged');
    expect(unchanged).toMatchObject({ title: id, schema: SCHEMA, version: 1 });

    const saved = await expectJson<Blueprint>(
      await call(api, 'PUT', `${base()}/${id}?force=true`, { token: admin, body: { title: 'Strict', schema: strict } }),
      200,
      'forced',
    );
    expect(saved).toMatchObject({ title: 'Strict', schema: strict, version: 2, entity_count: 3 });
  });

  test('GET gives an ETag; a write with a stale If-Match is 409 and changes nothing', async () => {
    const admin = world.users.admin.token;
    const id = await throwaway();
    const first = await call(api, 'GET', `${base()}/${id}`, { token: admin });
    const etag = first.headers().etag;
    expect(etag).toBe('"1"');
    const patched = await call(api, 'PATCH', `${base()}/${id}`, {
      token: admin,
      body: { title: 'First writer' },
      headers: { 'if-match': etag },
    });
    expect((await expectJson<Blueprint>(patched, 200, 'first writer')).version).toBe(2);
    expect(patched.headers().etag).toBe('"2"');
    await expectError(
      await call(api, 'PATCH', `${base()}/${id}`, { token: admin, body: { title: 'Second writer' }, headers: { 'if-match': etag } }),
      409,
      'stale writer',
    );
    await expectError(await call(api, 'DELETE', `${base()}/${id}`, { token: admin, headers: { 'if-match': etag } }), 409, 'stale delete');
    expect(await expectJson<Blueprint>(await call(api, 'GET', `${base()}/${id}`, { token: admin }), 200, 'kept')).toMatchObject({
      title: 'First writer',
      version: 2,
    });
  });

  test('DELETE ?dry_run=true reports and keeps everything; DELETE removes the blueprint and its entities', async () => {
    const admin = world.users.admin.token;
    const id = await throwaway();
    await insertEntities(world.team.id, id, [
      { identifier: 'a', data: {} },
      { identifier: 'b', data: {} },
    ]);
    const report = await expectJson(await call(api, 'DELETE', `${base()}/${id}?dry_run=true`, { token: admin }), 200, 'dry run');
    expect(report).toEqual({
      dry_run: true,
      blueprint: id,
      would_delete: { entities: 2, relations: 0, relation_definitions: 0, scorecards: 0, actions: 0, integration_mappings: 0 },
    });
    expect((await expectJson<Blueprint>(await call(api, 'GET', `${base()}/${id}`, { token: admin }), 200, 'kept')).entity_count).toBe(2);

    const res = await call(api, 'DELETE', `${base()}/${id}?dry_run=false`, { token: admin });
    expect(res.status(), await res.text()).toBe(204);
    await expectError(await call(api, 'GET', `${base()}/${id}`, { token: admin }), 404, 'gone');
    await expectError(await call(api, 'DELETE', `${base()}/${id}`, { token: admin }), 404, 'gone twice');
  });
});
