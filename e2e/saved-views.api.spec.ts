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
  type Session,
} from './support/api';

// The saved-view routes of docs/API.md ("Saved views") over HTTP: CRUD with ETag / If-Match and
// JSON merge patch, a private view 404 to another member, another team's view 404, sharing
// refused to a viewer, and the 400 / 422 / 409 that name the faulty place.

type SavedView = {
  identifier: string;
  blueprint: string;
  title: string;
  shared: boolean;
  default: boolean;
  owner_id: string | null;
  query: unknown;
  sort: Array<{ property: string; order: string }>;
  columns: string[] | null;
  page_size: number | null;
  created_at: string;
  updated_at: string;
};

let api: APIRequestContext;
let users: Record<'admin' | 'editor' | 'viewer' | 'outsider', Session>;
let team: string;
let outsiderTeam: string;
const SCHEMA = { type: 'object', properties: { status: { type: 'string', enum: ['active', 'retired'] }, tier: { type: 'integer' } } };
const filter = { combinator: 'and', rules: [{ property: 'status', operator: '=', value: 'active' }] };

test.beforeAll(async () => {
  api = await newApiContext();
  const [admin, editor, viewer, outsider] = await Promise.all(['admin', 'editor', 'viewer', 'outsider'].map((l) => register(api, l)));
  users = { admin, editor, viewer, outsider };
  team = (await createTeam(api, admin.token)).slug;
  await addMember(api, admin.token, team, editor.email, 'editor');
  await addMember(api, admin.token, team, viewer.email, 'viewer');
  await createBlueprint(api, admin.token, team, { id: 'service', schema: SCHEMA });
  outsiderTeam = (await createTeam(api, outsider.token)).slug;
  await createBlueprint(api, outsider.token, outsiderTeam, { id: 'service', schema: SCHEMA });
});

test.afterAll(async () => {
  await api.dispose();
});

const base = (t = team) => `/teams/${t}/blueprints/service/views`;
const newId = () =>
  unique('v')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40);

test('CRUD of a shared view with ETag, If-Match and merge patch, seen by every member and by no other team', async () => {
  const identifier = newId();
  const created = await call(api, 'POST', base(), {
    token: users.editor.token,
    body: {
      identifier,
      title: 'Active services',
      shared: true,
      query: filter,
      sort: [{ property: 'tier', order: 'desc' }],
      columns: ['status', 'tier', '$updated_at'],
      page_size: 25,
    },
  });
  const view = await expectJson<SavedView>(created, 201, 'create');
  expect(created.headers().etag).toBe('"1"');
  expect(view).toMatchObject({
    identifier,
    blueprint: 'service',
    shared: true,
    default: false,
    owner_id: null,
    query: filter,
    columns: ['status', 'tier', '$updated_at'],
    page_size: 25,
  });

  const read = await call(api, 'GET', `${base()}/${identifier}`, { token: users.viewer.token });
  expect((await expectJson<SavedView>(read, 200, 'viewer reads')).title).toBe('Active services');
  const list = await expectJson<{ views: SavedView[] }>(await call(api, 'GET', base(), { token: users.viewer.token }), 200, 'list');
  expect(list.views.map((v) => v.identifier)).toContain(identifier);

  await expectError(
    await call(api, 'GET', `${base(outsiderTeam)}/${identifier}`, { token: users.outsider.token }),
    404,
    'other team, own token',
  );
  await expectError(await call(api, 'GET', `${base()}/${identifier}`, { token: users.outsider.token }), 404, 'non-member');

  const stale = await call(api, 'PATCH', `${base()}/${identifier}`, {
    token: users.editor.token,
    body: { title: 'Stale' },
    headers: { 'if-match': '"9"' },
  });
  expect((await expectError(stale, 409, 'stale If-Match')).error.details).toMatchObject({ reason: 'stale_version', version: 1 });
  const patched = await call(api, 'PATCH', `${base()}/${identifier}`, {
    token: users.editor.token,
    body: { title: 'Live services', columns: null },
    headers: { 'if-match': '"1"' },
  });
  expect(patched.headers().etag).toBe('"2"');
  expect(await expectJson<SavedView>(patched, 200, 'patch')).toMatchObject({
    title: 'Live services',
    columns: null,
    query: filter,
    page_size: 25,
  });

  const put = await call(api, 'PUT', `${base()}/${identifier}`, {
    token: users.admin.token,
    body: { identifier, title: 'Replaced', shared: true, default: true },
  });
  expect(await expectJson<SavedView>(put, 200, 'put')).toMatchObject({
    title: 'Replaced',
    default: true,
    query: null,
    sort: [],
    page_size: null,
  });

  await expectError(
    await call(api, 'PATCH', `${base()}/${identifier}`, { token: users.viewer.token, body: { title: 'x' } }),
    403,
    'viewer changes a shared view',
  );
  await expectError(
    await call(api, 'DELETE', `${base()}/${identifier}`, { token: users.viewer.token }),
    403,
    'viewer deletes a shared view',
  );
  await expectError(
    await call(api, 'DELETE', `${base()}/${identifier}`, { token: users.editor.token, headers: { 'if-match': '"1"' } }),
    409,
    'stale delete',
  );
  const deleted = await call(api, 'DELETE', `${base()}/${identifier}`, { token: users.editor.token });
  expect(deleted.status()).toBe(204);
  await expectError(await call(api, 'GET', `${base()}/${identifier}`, { token: users.editor.token }), 404, 'after delete');
});

test("a viewer's private view: theirs to change, 404 to everyone else, not sharable without entity:write", async () => {
  const identifier = newId();
  const view = await expectJson<SavedView>(
    await call(api, 'POST', base(), { token: users.viewer.token, body: { identifier, title: 'Mine', query: filter } }),
    201,
    'viewer saves',
  );
  expect([view.shared, view.owner_id]).toEqual([false, users.viewer.user.id]);
  for (const who of ['admin', 'editor'] as const) {
    await expectError(await call(api, 'GET', `${base()}/${identifier}`, { token: users[who].token }), 404, `${who} reads it`);
    await expectError(
      await call(api, 'PATCH', `${base()}/${identifier}`, { token: users[who].token, body: { title: 'x' } }),
      404,
      `${who} changes it`,
    );
    await expectError(await call(api, 'DELETE', `${base()}/${identifier}`, { token: users[who].token }), 404, `${who} deletes it`);
    const list = await expectJson<{ views: SavedView[] }>(await call(api, 'GET', base(), { token: users[who].token }), 200, 'list');
    expect(list.views.map((v) => v.identifier)).not.toContain(identifier);
  }
  await expectError(
    await call(api, 'PATCH', `${base()}/${identifier}`, { token: users.viewer.token, body: { shared: true } }),
    403,
    'viewer shares',
  );
  await expectError(
    await call(api, 'POST', base(), { token: users.viewer.token, body: { identifier: newId(), title: 'S', shared: true } }),
    403,
    'viewer creates shared',
  );
  expect((await call(api, 'PATCH', `${base()}/${identifier}`, { token: users.viewer.token, body: { title: 'Still mine' } })).status()).toBe(
    200,
  );
  expect((await call(api, 'DELETE', `${base()}/${identifier}`, { token: users.viewer.token })).status()).toBe(204);
});

test('faults name their place: 400 for query and sort, 422 for columns, page size and default, 409 for a taken identifier', async () => {
  const post = (body: object) =>
    call(api, 'POST', base(), { token: users.editor.token, body: { identifier: newId(), title: 'T', ...body } });
  const op = await expectError(
    await post({ query: { combinator: 'and', rules: [{ property: 'status', operator: 'nope', value: 1 }] } }),
    400,
    'operator',
  );
  expect(op.error.message).toContain('query.rules[0].operator');
  const value = await expectError(
    await post({ query: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'x' }] } }),
    400,
    'value',
  );
  expect(value.error.message).toContain('query.rules[0].value');
  const sort = await expectError(await post({ sort: [{ property: 'missing', order: 'asc' }] }), 400, 'sort');
  expect(sort.error.message).toContain('sort[0].property');
  const columns = await expectError(await post({ columns: ['status', 'missing'] }), 422, 'columns');
  expect(columns.error.details).toEqual([{ path: '/columns/1', message: expect.stringContaining('"missing"') }]);
  const size = await expectError(await post({ page_size: 7 }), 422, 'page size');
  expect(JSON.stringify(size.error.details)).toContain('/page_size');
  const privateDefault = await expectError(await post({ default: true }), 422, 'private default');
  expect(privateDefault.error.details).toEqual([{ path: '/default', message: expect.any(String) }]);
  await expectError(await post({ identifier: 'Bad Id' }), 422, 'identifier pattern');
  await expectError(await post({ surprise: 1 }), 400, 'unknown field');
  const identifier = newId();
  expect((await call(api, 'POST', base(), { token: users.viewer.token, body: { identifier, title: 'Private' } })).status()).toBe(201);
  const taken = await expectError(
    await call(api, 'POST', base(), { token: users.editor.token, body: { identifier, title: 'Mine too', shared: true } }),
    409,
    'taken',
  );
  expect(taken.error.details).toMatchObject({ reason: 'already_exists' });
  await expectError(
    await call(api, 'GET', `/teams/${team}/blueprints/missing/views`, { token: users.editor.token }),
    404,
    'unknown blueprint',
  );
  await expectError(await call(api, 'GET', `${base()}/NOT_A_VIEW`, { token: users.editor.token }), 404, 'impossible identifier');
});
