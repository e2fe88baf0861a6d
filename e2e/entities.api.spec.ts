import { expect, test, type APIRequestContext } from '@playwright/test';
import { createAjv } from '../lib/validation/create-ajv';
import {
  addMember,
  call,
  createApiKey,
  createBlueprint,
  createTeam,
  expectError,
  expectJson,
  newApiContext,
  register,
  type Session,
} from './support/api';

// The entity routes of docs/API.md through the real server: every status code (200, 201,
// 204, 207, 400, 401, 403, 404, 409, 413, 422), who may do what (a viewer cannot write, an editor
// cannot delete, another team's admin gets 404), If-Match, bulk upsert with per-item results, and
// the browser's verdict (the same ajv rules) matched by the server's.

type Entity = {
  id: string;
  identifier: string;
  blueprint: string;
  title: string | null;
  data: Record<string, unknown>;
  relations: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
};
type BulkResult = { index: number; identifier: string | null; status: string; error?: { code: string; details?: Array<{ path: string }> } };

const SCHEMA = {
  type: 'object',
  required: ['version'],
  properties: {
    version: { type: 'string', format: 'semver' },
    owner: { type: 'string', format: 'email' },
    homepage: { type: 'string', format: 'url' },
    tier: { type: 'integer', minimum: 1, maximum: 4 },
    lifecycle: { type: 'string', enum: ['experimental', 'production', 'deprecated'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
  },
};

let api: APIRequestContext;
let admin: Session, editor: Session, viewer: Session, outsider: Session;
let team: string;

test.beforeAll(async () => {
  api = await newApiContext();
  [admin, editor, viewer, outsider] = await Promise.all(['admin', 'editor', 'viewer', 'outsider'].map((l) => register(api, l)));
  team = (await createTeam(api, admin.token)).slug;
  await addMember(api, admin.token, team, editor.email, 'editor');
  await addMember(api, admin.token, team, viewer.email, 'viewer');
  await createTeam(api, outsider.token);
  await createBlueprint(api, admin.token, team, { id: 'service', schema: SCHEMA });
});

test.afterAll(async () => {
  await api.dispose();
});

const list = () => `/teams/${team}/blueprints/service/entities`;
const one = (identifier: string) => `${list()}/${encodeURIComponent(identifier)}`;
const good = (identifier: string, extra: object = {}) => ({ identifier, data: { version: '1.0.0', ...extra } });

async function create(identifier: string, token = admin.token): Promise<Entity> {
  return expectJson<Entity>(await call(api, 'POST', list(), { token, body: good(identifier) }), 201, `create ${identifier}`);
}

test('create, read, list, replace, patch, history and delete: 201, 200, 204 with ETags', async () => {
  const created = await call(api, 'POST', list(), {
    token: editor.token,
    body: { identifier: 'team/api:v1@eu+x', title: 'API', data: { version: '1.2.3' } },
  });
  const entity = await expectJson<Entity>(created, 201, 'create');
  expect(created.headers().etag).toBe('"1"');
  expect(entity).toMatchObject({
    identifier: 'team/api:v1@eu+x',
    blueprint: 'service',
    title: 'API',
    relations: {},
    created_by: editor.user.id,
    updated_by: editor.user.id,
  });

  const got = await call(api, 'GET', one('team/api:v1@eu+x'), { token: viewer.token });
  expect(await expectJson<Entity>(got, 200, 'get')).toEqual(entity);
  expect(got.headers().etag).toBe('"1"');

  const page = await expectJson<{ entities: Entity[]; next_cursor: string | null }>(
    await call(api, 'GET', `${list()}?limit=10&sort=-created_at`, { token: viewer.token }),
    200,
    'list',
  );
  expect(page.entities.map((e) => e.identifier)).toContain('team/api:v1@eu+x');

  const put = await call(api, 'PUT', one('team/api:v1@eu+x'), {
    token: editor.token,
    body: { title: 'API v2', data: { version: '2.0.0', tier: 2 } },
    headers: { 'if-match': '"1"' },
  });
  expect(await expectJson<Entity>(put, 200, 'put')).toMatchObject({ title: 'API v2', data: { version: '2.0.0', tier: 2 } });
  expect(put.headers().etag).toBe('"2"');

  const patch = await call(api, 'PATCH', one('team/api:v1@eu+x'), {
    token: editor.token,
    body: { data: { tier: null, lifecycle: 'production' } },
    headers: { 'content-type': 'application/merge-patch+json' },
  });
  expect((await expectJson<Entity>(patch, 200, 'patch')).data).toEqual({ version: '2.0.0', lifecycle: 'production' });
  expect(patch.headers().etag).toBe('"3"');

  const history = await expectJson<{ versions: Array<{ version: number; action: string }>; next_cursor: string | null }>(
    await call(api, 'GET', `${one('team/api:v1@eu+x')}/history`, { token: viewer.token }),
    200,
    'history',
  );
  expect(history.versions.map((v) => [v.version, v.action])).toEqual([
    [3, 'entity.updated'],
    [2, 'entity.updated'],
    [1, 'entity.created'],
  ]);

  const deleted = await call(api, 'DELETE', one('team/api:v1@eu+x'), { token: admin.token, headers: { 'if-match': '"3"' } });
  expect(deleted.status(), await deleted.text()).toBe(204);
  await expectError(await call(api, 'GET', one('team/api:v1@eu+x'), { token: admin.token }), 404, 'after delete');
});

test('validate_only and upsert: 200 without writing, 200 replacing; a taken identifier is 409', async () => {
  const valid = await call(api, 'POST', `${list()}?validate_only=true`, { token: editor.token, body: good('vo-1') });
  expect(await expectJson(valid, 200, 'validate_only')).toEqual({ valid: true });
  await expectError(await call(api, 'GET', one('vo-1'), { token: admin.token }), 404, 'validate_only wrote nothing');
  await expectError(
    await call(api, 'POST', `${list()}?validate_only=true`, { token: editor.token, body: { identifier: 'vo-1', data: {} } }),
    422,
    'validate_only, invalid',
  );

  await create('up-1');
  const taken = await expectError(await call(api, 'POST', list(), { token: editor.token, body: good('up-1') }), 409, 'taken identifier');
  expect(taken.error.details as unknown).toEqual({ reason: 'already_exists' }); // a client branches on the reason, not the message
  const upsert = await call(api, 'POST', `${list()}?upsert=true`, { token: editor.token, body: good('up-1', { tier: 3 }) });
  expect((await expectJson<Entity>(upsert, 200, 'upsert existing')).data).toEqual({ version: '1.0.0', tier: 3 });
  expect(upsert.headers().etag).toBe('"2"');
  expect((await call(api, 'POST', `${list()}?upsert=true`, { token: editor.token, body: good('up-2') })).status()).toBe(201);
});

test('400: unknown fields, unknown params and sorts, bad flags, bad batches', async () => {
  const cases: Array<[string, Promise<import('@playwright/test').APIResponse>, RegExp]> = [
    ['unknown body field', call(api, 'POST', list(), { token: admin.token, body: { ...good('x'), colour: 'red' } }), /colour/],
    ['unknown query param', call(api, 'GET', `${list()}?colour=red`, { token: admin.token }), /"colour"/],
    ['unknown sort', call(api, 'GET', `${list()}?sort=nope`, { token: admin.token }), /unknown sort "nope"/],
    ['limit out of range', call(api, 'GET', `${list()}?limit=0`, { token: admin.token }), /limit/],
    ['bad flag', call(api, 'POST', `${list()}?upsert=yes`, { token: admin.token, body: good('x') }), /upsert/],
    ['not JSON', call(api, 'POST', list(), { token: admin.token, headers: { 'content-type': 'application/json' }, body: '{nope' }), /JSON/],
    ['empty batch', call(api, 'POST', `${list()}/bulk`, { token: admin.token, body: { entities: [] } }), /1 to 1000/],
    [
      '1001 items',
      call(api, 'POST', `${list()}/bulk`, {
        token: admin.token,
        body: { entities: Array.from({ length: 1001 }, (_, i) => good(`b-${i}`)) },
      }),
      /1 to 1000/,
    ],
  ];
  for (const [what, response, message] of cases) {
    expect((await expectError(await response, 400, what)).error.message).toMatch(message);
  }
});

test('401 without credentials, 413 over 1 MiB', async () => {
  for (const [method, path] of [
    ['GET', list()],
    ['POST', list()],
    ['GET', one('x')],
    ['PATCH', one('x')],
    ['POST', `${list()}/bulk`],
    ['GET', `${one('x')}/history`],
  ] as const) {
    await expectError(
      await call(api, method, path, { body: method === 'GET' ? undefined : good('x') }),
      401,
      `${method} ${path} anonymous`,
    );
  }
  const big = { identifier: 'big', data: { version: '1.0.0', notes: 'x'.repeat(1024 * 1024) } };
  await expectError(await call(api, 'POST', list(), { token: admin.token, body: big }), 413, 'a body over 1 MiB');
  await expectError(
    await call(api, 'POST', `${list()}/bulk`, { token: admin.token, body: { entities: [big] } }),
    413,
    'a bulk body over 1 MiB',
  );
});

test('403: a viewer cannot write, an editor cannot delete; a key is capped by its permissions', async () => {
  await create('perm-1');
  for (const [method, path, body] of [
    ['POST', list(), good('perm-2')],
    ['PUT', one('perm-1'), { data: { version: '1.0.0' } }],
    ['PATCH', one('perm-1'), { title: 'x' }],
    ['DELETE', one('perm-1'), undefined],
    ['POST', `${list()}/bulk`, { entities: [good('perm-3')] }],
  ] as const) {
    await expectError(await call(api, method, path, { token: viewer.token, body }), 403, `viewer ${method} ${path}`);
  }
  await expectError(await call(api, 'DELETE', one('perm-1'), { token: editor.token }), 403, 'editor DELETE');
  const { key } = await createApiKey(api, admin.token, team, ['entity:read']);
  expect((await call(api, 'GET', one('perm-1'), { token: key })).status()).toBe(200);
  await expectError(await call(api, 'PATCH', one('perm-1'), { token: key, body: { title: 'x' } }), 403, 'read-only key PATCH');
  const writer = await createApiKey(api, admin.token, team, ['entity:write']);
  const byKey = await expectJson<Entity>(
    await call(api, 'POST', list(), { token: writer.key, scheme: 'ApiKey', body: good('by-key') }),
    201,
    'key create',
  );
  expect(byKey.created_by).toBe(admin.user.id);
  const after = await expectJson<Entity>(await call(api, 'GET', one('perm-1'), { token: admin.token }), 200, 'unchanged');
  expect(after.title).toBeNull();
});

test("404: another team's admin, an unknown blueprint, an unknown or impossible identifier", async () => {
  await create('nf-1');
  for (const [method, path, body] of [
    ['GET', list(), undefined],
    ['POST', list(), good('nf-2')],
    ['GET', one('nf-1'), undefined],
    ['PUT', one('nf-1'), { data: { version: '1.0.0' } }],
    ['PATCH', one('nf-1'), { title: 'x' }],
    ['DELETE', one('nf-1'), undefined],
    ['GET', `${one('nf-1')}/history`, undefined],
    ['POST', `${list()}/bulk`, { entities: [good('nf-1')] }],
  ] as const) {
    await expectError(await call(api, method, path, { token: outsider.token, body }), 404, `outsider ${method} ${path}`);
  }
  await expectError(await call(api, 'GET', `/teams/${team}/blueprints/nothing/entities`, { token: admin.token }), 404, 'unknown blueprint');
  await expectError(
    await call(api, 'POST', `/teams/${team}/blueprints/nothing/entities`, { token: admin.token, body: good('x') }),
    404,
    'unknown blueprint POST',
  );
  await expectError(await call(api, 'GET', one('no-such-entity'), { token: admin.token }), 404, 'unknown entity');
  await expectError(await call(api, 'GET', one('-impossible'), { token: admin.token }), 404, 'impossible identifier');
  await expectError(
    await call(api, 'GET', `/teams/${team}/blueprints/Bad!Id/entities`, { token: admin.token }),
    404,
    'impossible blueprint',
  );
  const unchanged = await expectJson<Entity>(await call(api, 'GET', one('nf-1'), { token: admin.token }), 200, 'still there');
  expect(unchanged.title).toBeNull();
});

test('409: a stale If-Match changes nothing; of two writers with the same ETag exactly one wins', async () => {
  await create('etag-1');
  await expectJson(
    await call(api, 'PATCH', one('etag-1'), { token: editor.token, body: { title: 'B' }, headers: { 'if-match': '"1"' } }),
    200,
    'fresh If-Match',
  );
  for (const [method, body] of [
    ['PATCH', { title: 'C' }],
    ['PUT', { data: { version: '9.0.0' } }],
    ['DELETE', undefined],
  ] as const) {
    const stale = await expectError(
      await call(api, method, one('etag-1'), { token: admin.token, body, headers: { 'if-match': '"1"' } }),
      409,
      `stale ${method}`,
    );
    expect((stale.error.details as unknown as { reason: string }).reason, method).toBe('stale_version');
  }
  const now = await call(api, 'GET', one('etag-1'), { token: admin.token });
  expect(await now.json()).toMatchObject({ title: 'B', data: { version: '1.0.0' } });
  expect(now.headers().etag).toBe('"2"');

  const racers = await Promise.all(
    ['one', 'two'].map((title) =>
      call(api, 'PATCH', one('etag-1'), { token: editor.token, body: { title }, headers: { 'if-match': '"2"' } }),
    ),
  );
  expect(racers.map((r) => r.status()).sort()).toEqual([200, 409]);
  const [winner] = racers.filter((r) => r.status() === 200);
  const final = await expectJson<Entity>(await call(api, 'GET', one('etag-1'), { token: admin.token }), 200, 'after the race');
  expect(final.title).toBe(((await winner.json()) as Entity).title);
});

test('422: the values the browser form refuses (same ajv rules), the server refuses too', async () => {
  const browser = createAjv().compile(SCHEMA);
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ version: '1.x' }, '/data/version'],
    [{ version: '1.0.0', owner: 'not-an-email' }, '/data/owner'],
    [{ version: '1.0.0', homepage: 'javascript:alert(1)' }, '/data/homepage'],
    [{ version: '1.0.0', tier: 2.5 }, '/data/tier'],
    [{ version: '1.0.0', tier: 9 }, '/data/tier'],
    [{ version: '1.0.0', lifecycle: 'retired' }, '/data/lifecycle'],
    [{ version: '1.0.0', tags: ['a', 'b', 'c', 'd'] }, '/data/tags'],
    [{}, '/data/version'],
  ];
  for (const [data, path] of bad) {
    expect(browser(data), `the browser refuses ${JSON.stringify(data)}`).toBe(false);
    const body = await expectError(
      await call(api, 'POST', list(), { token: editor.token, body: { identifier: 'refused', data } }),
      422,
      `server refuses ${JSON.stringify(data)}`,
    );
    expect(body.error.details?.map((d) => d.path)).toContain(path);
  }
  await expectError(await call(api, 'GET', one('refused'), { token: admin.token }), 404, 'nothing was written');
  await expectError(
    await call(api, 'POST', list(), {
      token: editor.token,
      body: { identifier: 'rel', data: { version: '1.0.0' }, relations: { owner: 'x' } },
    }),
    422,
    'non-empty relations',
  );
  await create('patched');
  const patch = await expectError(
    await call(api, 'PATCH', one('patched'), { token: editor.token, body: { data: { version: null } } }),
    422,
    'a merge that removes a required property',
  );
  expect(patch.error.details?.map((d) => d.path)).toEqual(['/data/version']);
});

test('bulk: 200 when every item is written, 207 with per-item results when some fail, and only the good ones are written', async () => {
  const ok = await expectJson<{ results: BulkResult[] }>(
    await call(api, 'POST', `${list()}/bulk`, { token: editor.token, body: { entities: [good('bulk-1'), good('bulk-2')] } }),
    200,
    'all good',
  );
  expect(ok.results.map((r) => [r.index, r.identifier, r.status])).toEqual([
    [0, 'bulk-1', 'created'],
    [1, 'bulk-2', 'created'],
  ]);

  const mixed = await expectJson<{ results: BulkResult[] }>(
    await call(api, 'POST', `${list()}/bulk`, {
      token: editor.token,
      body: {
        entities: [
          good('bulk-1', { tier: 4 }),
          { identifier: 'bulk-bad', data: { version: 'nope' } },
          good('bulk-3'),
          good('bulk-3', { tier: 1 }),
          { identifier: '' },
        ],
      },
    }),
    207,
    'mixed',
  );
  expect(mixed.results.map((r) => [r.index, r.identifier, r.status])).toEqual([
    [0, 'bulk-1', 'updated'],
    [1, 'bulk-bad', 'error'],
    [2, 'bulk-3', 'created'],
    [3, 'bulk-3', 'error'],
    [4, '', 'error'],
  ]);
  expect(mixed.results[1].error).toMatchObject({ code: 'validation_failed', details: [{ path: '/data/version' }] });
  expect(mixed.results[3].error?.code).toBe('conflict');
  expect((await expectJson<Entity>(await call(api, 'GET', one('bulk-1'), { token: admin.token }), 200, 'bulk-1')).data).toEqual({
    version: '1.0.0',
    tier: 4,
  });
  expect((await expectJson<Entity>(await call(api, 'GET', one('bulk-3'), { token: admin.token }), 200, 'bulk-3')).data).toEqual({
    version: '1.0.0',
  });
  await expectError(await call(api, 'GET', one('bulk-bad'), { token: admin.token }), 404, 'the bad item was not written');
});
