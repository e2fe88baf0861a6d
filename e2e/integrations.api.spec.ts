import { expect, test, type APIRequestContext } from '@playwright/test';
import { signWebhook } from '../lib/net/sign-webhook';
import {
  API,
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

// The integration routes of docs/API.md ("Integrations and ingestion") over HTTP against the real
// server: the secret answered once; a sync with a per-item failure; a dry run; the webhook path
// authenticated by a signature (good, bad, stale) or a bearer secret; a viewer's 403; another
// team's integration 404 on every route.

type SyncResult = {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  failed: Array<{ index: number; identifier?: string; path?: string; message: string }>;
  changes?: unknown[];
};

let api: APIRequestContext;
let users: Record<'admin' | 'viewer' | 'outsider', Session>;
let team: string;
let outsiderTeam: string;
const SCHEMA = { type: 'object', properties: { language: { type: 'string' }, stars: { type: 'integer', minimum: 0 } } };
const MAPPINGS = [
  {
    blueprint: 'repo',
    selector: "kind = 'repo'",
    entity: { identifier: 'name', title: 'name', properties: { language: 'lang', stars: 'stars' } },
  },
];

test.beforeAll(async () => {
  api = await newApiContext();
  const [admin, viewer, outsider] = await Promise.all(['admin', 'viewer', 'outsider'].map((l) => register(api, l)));
  users = { admin, viewer, outsider };
  team = (await createTeam(api, admin.token)).slug;
  await addMember(api, admin.token, team, viewer.email, 'viewer');
  await createBlueprint(api, admin.token, team, { id: 'repo', schema: SCHEMA });
  outsiderTeam = (await createTeam(api, outsider.token)).slug;
  await createBlueprint(api, outsider.token, outsiderTeam, { id: 'repo', schema: SCHEMA });
});

test.afterAll(async () => {
  await api.dispose();
});

const newId = () =>
  unique('i')
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40);

async function makeIntegration(
  token = users.admin.token,
  slug = team,
  mappings: unknown[] = MAPPINGS,
): Promise<{ identifier: string; secret: string }> {
  const identifier = newId();
  const res = await call(api, 'POST', `/teams/${slug}/integrations`, {
    token,
    body: { identifier, title: 'GitHub', kind: 'webhook', mappings, ...(mappings !== MAPPINGS && { deletion_threshold: 0.5 }) },
  });
  const created = await expectJson<{ identifier: string; secret: string }>(res, 201, 'create integration');
  return { identifier, secret: created.secret };
}

const repo = (name: string, extra: Record<string, unknown> = {}) => ({ kind: 'repo', name, lang: 'go', stars: 1, ...extra });

/** POST /api/v1/ingest/{team}/{integration} with the exact bytes given. */
function ingest(path: string, raw: string, headers: Record<string, string>) {
  return api.fetch(`${API}/ingest/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, data: raw });
}

test('create answers the secret once; a read never carries it', async () => {
  const { identifier, secret } = await makeIntegration();
  expect(secret).toMatch(/^bpis_[0-9a-f]{64}$/);
  const read = await call(api, 'GET', `/teams/${team}/integrations/${identifier}`, { token: users.viewer.token });
  const text = await read.text();
  expect(read.status()).toBe(200);
  expect(text).not.toContain(secret);
  expect(read.headers().etag).toBe('"1"');
  const bad = await call(api, 'POST', `/teams/${team}/integrations`, {
    token: users.admin.token,
    body: { identifier: newId(), title: 'x', kind: 'webhook', mappings: [{ blueprint: 'repo', entity: { identifier: 'name +' } }] },
  });
  const error = await expectError(bad, 400, 'a mapping that does not compile');
  expect(error.error.message).toContain('/mappings/0/entity/identifier');
  await expectError(
    await call(api, 'POST', `/teams/${team}/integrations`, {
      token: users.viewer.token,
      body: { identifier: newId(), title: 'x', kind: 'webhook', mappings: [] },
    }),
    403,
    'viewer create',
  );
});

test('a sync reports per-item failures, and a dry run writes nothing', async () => {
  const { identifier } = await makeIntegration();
  const sync = (body: object) => call(api, 'POST', `/teams/${team}/integrations/${identifier}/sync`, { token: users.admin.token, body });
  const first = await expectJson<SyncResult>(
    await sync({ items: [repo('e2e-a'), repo('e2e-b', { stars: -3 }), { kind: 'other' }] }),
    200,
    'sync',
  );
  expect(first).toMatchObject({ created: 1, updated: 0, unchanged: 0, skipped: 1 });
  expect(first.failed).toEqual([expect.objectContaining({ index: 1, identifier: 'e2e-b', path: '/data/stars' })]);
  const dry = await expectJson<SyncResult>(
    await sync({ items: [repo('e2e-a', { stars: 2 }), repo('e2e-c')], dry_run: true }),
    200,
    'dry run',
  );
  expect(dry).toMatchObject({
    created: 1,
    updated: 1,
    changes: [
      expect.objectContaining({ op: 'update', identifier: 'e2e-a' }),
      expect.objectContaining({ op: 'create', identifier: 'e2e-c' }),
    ],
  });
  await expectError(
    await call(api, 'GET', `/teams/${team}/blueprints/repo/entities/e2e-c`, { token: users.admin.token }),
    404,
    'not written by the dry run',
  );
  const history = await expectJson<{ syncs: Array<{ dry_run: boolean }> }>(
    await call(api, 'GET', `/teams/${team}/integrations/${identifier}/syncs`, { token: users.viewer.token }),
    200,
    'history',
  );
  expect(history.syncs.map((s) => s.dry_run)).toEqual([true, false]);
  await expectError(await sync({ items: new Array(1001).fill({}) }), 413, '1,001 items');
});

test('the webhook path: a good signature or bearer secret works; a bad or stale signature is 401', async () => {
  const { identifier, secret } = await makeIntegration();
  const path = `${team}/${identifier}`;
  const raw = JSON.stringify([repo('hook-a')]);
  const ok = await expectJson<SyncResult>(await ingest(path, raw, signWebhook(secret, raw)), 200, 'signed');
  expect(ok).toMatchObject({ created: 1, failed: [] });

  const other = JSON.stringify([repo('hook-b')]);
  const tampered = await ingest(path, other, signWebhook(secret, raw)); // signature of another body
  expect((await expectError(tampered, 401, 'bad signature')).error.message).toContain('signature_mismatch');
  const stale = await ingest(path, raw, signWebhook(secret, raw, new Date(Date.now() - 10 * 60 * 1000)));
  expect((await expectError(stale, 401, 'stale signature')).error.message).toContain('timestamp_out_of_tolerance');
  await expectError(await ingest(path, raw, {}), 401, 'no credentials');
  await expectError(await ingest(path, raw, { authorization: `Bearer ${secret}x` }), 401, 'wrong bearer');

  const single = JSON.stringify(repo('hook-c', { stars: 'many' }));
  const bearer = await expectJson<SyncResult>(await ingest(path, single, { authorization: `Bearer ${secret}` }), 200, 'bearer, one item');
  expect(bearer.failed).toEqual([expect.objectContaining({ index: 0, identifier: 'hook-c' })]);
  const wrapped = JSON.stringify({ items: [repo('hook-a')] });
  expect(await expectJson<SyncResult>(await ingest(path, wrapped, { authorization: `Bearer ${secret}` }), 200, 'wrapped')).toMatchObject({
    unchanged: 1,
  });

  const audit = await expectJson<{ audit_logs: Array<{ action: string; actor: { type?: string }; on_behalf?: unknown }> }>(
    await call(api, 'GET', `/teams/${team}/audit-logs?action=entity.created`, { token: users.admin.token }),
    200,
    'audit',
  );
  expect(JSON.stringify(audit)).toContain('integration');

  await expectError(
    await ingest(`${outsiderTeam}/${identifier}`, raw, signWebhook(secret, raw)),
    404,
    'the integration under another team',
  );
});

test('the webhook path takes NDJSON and YAML files; without mappings the items are read as an import reads them', async () => {
  const { identifier, secret } = await makeIntegration(users.admin.token, team, []);
  const path = `${team}/${identifier}`;
  const bearer = { authorization: `Bearer ${secret}` };
  const line = (name: string, stars = 1) => JSON.stringify({ blueprint: 'repo', identifier: name, properties: { stars } });
  const ndjson = `${line('file-a')}\n${line('file-b')}\n${line('file-c')}\n`;
  const sent = await ingest(path, ndjson, { ...bearer, 'content-type': 'application/x-ndjson' });
  expect(await expectJson<SyncResult>(sent, 200, 'ndjson')).toMatchObject({ created: 3, failed: [] });

  // YAML, a full sync in the query: file-c left the file; a dry run first writes nothing.
  const yaml = ['file-a', 'file-b'].map((n) => `---\nblueprint: repo\nidentifier: ${n}\nproperties:\n  stars: 1\n`).join('');
  const headers = { ...signWebhook(secret, yaml), 'content-type': 'application/yaml' };
  const dry = await expectJson<SyncResult>(await ingest(`${path}?mode=full&dry_run=true`, yaml, headers), 200, 'yaml dry run');
  expect(dry).toMatchObject({ unchanged: 2, deleted: 1, changes: [expect.objectContaining({ op: 'delete', identifier: 'file-c' })] });
  await expectJson(await call(api, 'GET', `/teams/${team}/blueprints/repo/entities/file-c`, { token: users.admin.token }), 200, 'kept');
  expect(await expectJson<SyncResult>(await ingest(`${path}?mode=full`, yaml, headers), 200, 'yaml full')).toMatchObject({ deleted: 1 });
  await expectError(await call(api, 'GET', `/teams/${team}/blueprints/repo/entities/file-c`, { token: users.admin.token }), 404, 'deleted');

  await expectError(await ingest(path, 'a: *nope', { ...bearer, 'content-type': 'application/yaml' }), 400, 'bad YAML');
  await expectError(
    await ingest(path, 'identifier\nx\n', { ...bearer, 'content-type': 'text/csv' }),
    400,
    'CSV belongs to the import route',
  );
  await expectError(await ingest(`${path}?mode=sideways`, ndjson, bearer), 400, 'bad mode');
  // Unauthenticated, a file is not even parsed.
  await expectError(await ingest(path, 'a: *nope', { 'content-type': 'application/yaml' }), 401, 'no credentials, bad YAML');
});

test("another team's integration is 404 on every route", async () => {
  const { identifier } = await makeIntegration(users.outsider.token, outsiderTeam);
  const token = users.admin.token;
  const base = `/teams/${team}/integrations/${identifier}`;
  await expectError(await call(api, 'GET', base, { token }), 404, 'get');
  await expectError(await call(api, 'PATCH', base, { token, body: { title: 'x' } }), 404, 'patch');
  await expectError(await call(api, 'PUT', base, { token, body: { title: 'x', mappings: [] } }), 404, 'put');
  await expectError(await call(api, 'DELETE', base, { token }), 404, 'delete');
  await expectError(await call(api, 'POST', `${base}/rotate-secret`, { token }), 404, 'rotate');
  await expectError(await call(api, 'POST', `${base}/sync`, { token, body: { items: [] } }), 404, 'sync');
  await expectError(await call(api, 'GET', `${base}/syncs`, { token }), 404, 'syncs');
  await expectError(await call(api, 'POST', `${base}/pull`, { token }), 404, 'pull');
  await expectError(await call(api, 'GET', `/teams/${outsiderTeam}/integrations/${identifier}`, { token }), 404, 'the other team itself');
});
