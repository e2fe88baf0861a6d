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

// The action and automation routes of docs/API.md ("Actions and runs", "Automations") over HTTP:
// the signing secret answered once by the create (and by rotate-secret), never by a read; secret
// header values masked; ETag / If-Match; the 422 that names the faulty place; the actions offered
// on an entity; 409 in_use; a viewer's 403 on writes; another team's actions 404 on every route.

type Action = { identifier: string; steps: Array<{ headers?: Record<string, unknown> }>; signing_secret?: string };

let api: APIRequestContext;
let users: Record<'admin' | 'viewer' | 'outsider', Session>;
let team: string;
let outsiderTeam: string;
const SCHEMA = { type: 'object', properties: { status: { type: 'string', enum: ['active', 'retired'] } } };

test.beforeAll(async () => {
  api = await newApiContext();
  const [admin, viewer, outsider] = await Promise.all(['admin', 'viewer', 'outsider'].map((l) => register(api, l)));
  users = { admin, viewer, outsider };
  team = (await createTeam(api, admin.token)).slug;
  await addMember(api, admin.token, team, viewer.email, 'viewer');
  await createBlueprint(api, admin.token, team, { id: 'service', schema: SCHEMA });
  outsiderTeam = (await createTeam(api, outsider.token)).slug;
  await createBlueprint(api, outsider.token, outsiderTeam, { id: 'service', schema: SCHEMA });
  for (const [identifier, status] of [
    ['svc-a', 'active'],
    ['svc-b', 'retired'],
  ]) {
    const made = await call(api, 'POST', `/teams/${team}/blueprints/service/entities`, {
      token: admin.token,
      body: { identifier, data: { status } },
    });
    expect(made.status()).toBe(201);
  }
});

test.afterAll(async () => {
  await api.dispose();
});

const newId = () =>
  unique('a')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40);
const actionBody = (identifier: string) => ({
  identifier,
  title: 'Restart',
  blueprint: 'service',
  trigger: 'day-2',
  condition: { combinator: 'and', rules: [{ property: 'status', operator: '=', value: 'active' }] },
  user_inputs: { type: 'object', properties: { reason: { type: 'string' } } },
  steps: [
    {
      type: 'webhook',
      method: 'POST',
      url: 'https://hooks.example.com/restart',
      headers: { Authorization: { secret: true, value: 'Bearer top-secret-e2e' } },
      body: { name: '{{ entity.identifier }}' },
    },
  ],
});

test('create answers the signing secret once; reads never carry a secret; rotate answers a new one', async () => {
  const identifier = newId();
  const created = await call(api, 'POST', `/teams/${team}/actions`, { token: users.admin.token, body: actionBody(identifier) });
  const action = await expectJson<Action>(created, 201, 'create');
  expect(created.headers().etag).toBe('"1"');
  expect(action.signing_secret).toMatch(/^whsec_[0-9a-f]{64}$/);
  expect(action.steps[0].headers).toEqual({ Authorization: { secret: true } });

  const read = await call(api, 'GET', `/teams/${team}/actions/${identifier}`, { token: users.viewer.token });
  const text = await read.text();
  expect(read.status()).toBe(200);
  expect(text).not.toContain('signing_secret');
  expect(text).not.toContain(action.signing_secret!);
  expect(text).not.toContain('top-secret-e2e');
  const list = await call(api, 'GET', `/teams/${team}/actions?blueprint=service&trigger=day-2`, { token: users.viewer.token });
  expect((await list.text()).includes('top-secret-e2e')).toBe(false);

  const rotated = await call(api, 'POST', `/teams/${team}/actions/${identifier}/rotate-secret`, { token: users.admin.token });
  const secret = await expectJson<{ signing_secret: string }>(rotated, 200, 'rotate');
  expect(secret.signing_secret).toMatch(/^whsec_/);
  expect(secret.signing_secret).not.toBe(action.signing_secret);
  expect(rotated.headers().etag).toBe('"2"');

  const stale = await call(api, 'PATCH', `/teams/${team}/actions/${identifier}`, {
    token: users.admin.token,
    body: { title: 'Stale' },
    headers: { 'if-match': '"1"' },
  });
  expect((await expectError(stale, 409, 'stale If-Match')).error.details).toMatchObject({ reason: 'stale_version' });

  const offered = await expectJson<{ actions: Action[] }>(
    await call(api, 'GET', `/teams/${team}/blueprints/service/entities/svc-a/actions`, { token: users.viewer.token }),
    200,
    'offered on an active entity',
  );
  expect(offered.actions.map((a) => a.identifier)).toContain(identifier);
  const notOffered = await expectJson<{ actions: Action[] }>(
    await call(api, 'GET', `/teams/${team}/blueprints/service/entities/svc-b/actions`, { token: users.viewer.token }),
    200,
    'offered on a retired entity',
  );
  expect(notOffered.actions.map((a) => a.identifier)).not.toContain(identifier);
});

test('faults name their place; a viewer cannot write', async () => {
  const bad = { ...actionBody(newId()), steps: [{ type: 'webhook', method: 'POST', url: 'http://169.254.169.254/latest' }] };
  const refused = await expectError(
    await call(api, 'POST', `/teams/${team}/actions`, { token: users.admin.token, body: bad }),
    422,
    'metadata URL',
  );
  expect(refused.error.details?.map((d) => d.path)).toContain('/steps/0/url');
  const unknown = { ...actionBody(newId()), steps: [{ type: 'approval', extra: true }] };
  await expectError(
    await call(api, 'POST', `/teams/${team}/actions`, { token: users.admin.token, body: unknown }),
    400,
    'unknown step field',
  );
  await expectError(
    await call(api, 'POST', `/teams/${team}/actions`, { token: users.viewer.token, body: actionBody(newId()) }),
    403,
    'viewer',
  );
  await expectError(await call(api, 'GET', `/teams/${team}/actions?trigger=sometimes`, { token: users.viewer.token }), 400, 'bad filter');
});

test('automations: CRUD, and the action they run cannot be deleted (409 in_use)', async () => {
  const actionId = newId();
  await expectJson(
    await call(api, 'POST', `/teams/${team}/actions`, { token: users.admin.token, body: actionBody(actionId) }),
    201,
    'action',
  );
  const automation = newId();
  const body = {
    identifier: automation,
    title: 'On status',
    on: { event: 'entity.updated', blueprint: 'service', condition: { changed: ['status'] } },
    action: actionId,
  };
  const created = await call(api, 'POST', `/teams/${team}/automations`, { token: users.admin.token, body });
  expect(await expectJson(created, 201, 'automation')).toMatchObject({ identifier: automation, action: actionId, enabled: true });
  const inUse = await expectError(
    await call(api, 'DELETE', `/teams/${team}/actions/${actionId}`, { token: users.admin.token }),
    409,
    'in use',
  );
  expect(inUse.error.details).toMatchObject({ reason: 'in_use', automations: [automation] });
  const patched = await call(api, 'PATCH', `/teams/${team}/automations/${automation}`, {
    token: users.admin.token,
    body: { enabled: false },
    headers: { 'if-match': '"1"' },
  });
  expect(await expectJson(patched, 200, 'patch')).toMatchObject({ enabled: false });
  const changedOnLevel = {
    ...body,
    identifier: newId(),
    on: { event: 'scorecard.level_changed', blueprint: 'service', condition: { changed: ['status'] } },
  };
  const refused = await expectError(
    await call(api, 'POST', `/teams/${team}/automations`, { token: users.admin.token, body: changedOnLevel }),
    422,
    '"changed" is for entity.updated only',
  );
  expect(refused.error.details?.map((d) => d.path)).toEqual(['/on/condition/changed']);
  expect((await call(api, 'DELETE', `/teams/${team}/automations/${automation}`, { token: users.admin.token })).status()).toBe(204);
  expect((await call(api, 'DELETE', `/teams/${team}/actions/${actionId}`, { token: users.admin.token })).status()).toBe(204);
});

test("another team's actions and automations are 404 on every route, through either team's path", async () => {
  const actionId = newId();
  await expectJson(
    await call(api, 'POST', `/teams/${team}/actions`, { token: users.admin.token, body: actionBody(actionId) }),
    201,
    'action',
  );
  const automation = newId();
  await expectJson(
    await call(api, 'POST', `/teams/${team}/automations`, {
      token: users.admin.token,
      body: { identifier: automation, title: 'A', on: { event: 'entity.created' }, action: actionId },
    }),
    201,
    'automation',
  );
  const routes: Array<[Method, string, unknown?]> = [
    ['GET', `/actions/${actionId}`],
    ['PUT', `/actions/${actionId}`, actionBody(actionId)],
    ['PATCH', `/actions/${actionId}`, { title: 'x' }],
    ['DELETE', `/actions/${actionId}`],
    ['POST', `/actions/${actionId}/rotate-secret`],
    ['GET', `/automations/${automation}`],
    ['PATCH', `/automations/${automation}`, { title: 'x' }],
    ['DELETE', `/automations/${automation}`],
    ['GET', `/blueprints/service/entities/svc-a/actions`],
  ];
  for (const [method, path, body] of routes) {
    // The outsider through our team's path (not a member) and through its own (no such action).
    await expectError(
      await call(api, method, `/teams/${team}${path}`, { token: users.outsider.token, body }),
      404,
      `${method} ${path} via ours`,
    );
    if (!path.startsWith('/blueprints')) {
      await expectError(
        await call(api, method, `/teams/${outsiderTeam}${path}`, { token: users.outsider.token, body }),
        404,
        `${method} ${path} via theirs`,
      );
    }
  }
  const theirs = await expectJson<{ actions: Action[] }>(
    await call(api, 'GET', `/teams/${outsiderTeam}/actions`, { token: users.outsider.token }),
    200,
    'their list',
  );
  expect(theirs.actions).toEqual([]);
  // Still there for us.
  expect((await call(api, 'GET', `/teams/${team}/actions/${actionId}`, { token: users.admin.token })).status()).toBe(200);
});
