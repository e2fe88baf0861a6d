import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { addMember, call, createApiKey, createBlueprint, createRole, createTeam, expectJson, register } from './support/api';
import { hostileRequests, type HostileRequest, type OpenApiDocument } from './support/hostile';

// Every route of the OpenAPI document, sent what a hostile caller sends: NUL characters, lone
// surrogates, undecodable percent-escapes, prototype names, numbers beyond double range, JSON
// nested 10,000 deep, huge strings, bad cursors, in path segments, query strings and bodies. No
// answer may be a 5xx, every refusal has the error shape of docs/API.md, and none may hang.
// The counts are written to test-results/hostile-input.json.

test.describe.configure({ timeout: 15 * 60_000 });

type Outcome = { what: string; status: number; body: string };

async function send(api: APIRequestContext, request: HostileRequest, token: string): Promise<Outcome> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await api.fetch(request.path, {
      method: request.method.toUpperCase(),
      headers,
      data: typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body,
      timeout: 30_000,
      maxRedirects: 0,
    });
    return { what: request.what, status: response.status(), body: (await response.text()).slice(0, 300) };
  } catch (error) {
    return { what: request.what, status: 0, body: `no answer: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** A refusal must carry {error: {code, message}}; a success or a 304 may be anything. */
function badShape(outcome: Outcome): boolean {
  if (outcome.status < 400) return false;
  try {
    const body = JSON.parse(outcome.body) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string';
  } catch {
    return outcome.body.length === 300 ? false : true; // a long body cut at 300 characters cannot be parsed: judged by status
  }
}

test('no hostile input to any route is a 5xx, a hang or an answer without the error shape', async ({ request }) => {
  const admin = await register(request, 'hostile');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'cluster',
    schema: { type: 'object', properties: { region: { type: 'string' } } },
  });
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', pattern: '^[a-z]+$' },
      replicas: { type: 'integer' },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      meta: { type: 'object', additionalProperties: { type: 'string' } },
    },
  };
  const relations = { runs_on: { target: 'cluster', type: 'many-to-one' } };
  await createBlueprint(request, admin.token, team.slug, { id: 'svc', schema, relations });
  await createBlueprint(request, admin.token, team.slug, { id: 'victim', schema, relations });
  const path = (p: string) => `/teams/${team.slug}/blueprints/${p}`;
  await expectJson(
    await call(request, 'POST', path('cluster/entities'), { token: admin.token, body: { identifier: 'c1', data: { region: 'eu' } } }),
    201,
    'cluster',
  );
  for (const bp of ['svc', 'victim']) {
    const body = {
      identifier: 'e1',
      title: 'E1',
      data: { name: 'abc', replicas: 2, tags: ['a'], meta: { k: 'v' } },
      relations: { runs_on: 'c1' },
    };
    await expectJson(await call(request, 'POST', path(`${bp}/entities`), { token: admin.token, body }), 201, `${bp} entity`);
    const scorecard = {
      identifier: 'ready',
      title: 'Ready',
      rules: [{ identifier: 'named', title: 'Named', level: 'Gold', query: { rules: [] } }],
    };
    await expectJson(
      await call(request, 'POST', path(`${bp}/scorecards`), { token: admin.token, body: scorecard }),
      201,
      `${bp} scorecard`,
    );
  }
  // An action (its runs wait for an approval: no network), an automation on it, and a run.
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/actions`, {
      token: admin.token,
      body: {
        identifier: 'deploy',
        title: 'Deploy',
        blueprint: 'svc',
        trigger: 'day-2',
        user_inputs: { type: 'object', properties: { note: { type: 'string' } } },
        steps: [{ type: 'approval' }],
        approval: { required: true, allow_self: true },
      },
    }),
    201,
    'action',
  );
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/automations`, {
      token: admin.token,
      body: { identifier: 'auto', title: 'Auto', on: { event: 'entity.updated', blueprint: 'svc' }, action: 'deploy' },
    }),
    201,
    'automation',
  );
  const run = await expectJson<{ id: string }>(
    await call(request, 'POST', `/teams/${team.slug}/actions/deploy/runs`, { token: admin.token, body: { entity: 'e1', inputs: {} } }),
    202,
    'run',
  );
  const member = await register(request, 'hostile-member');
  await addMember(request, admin.token, team.slug, member.email, 'viewer');
  const role = await createRole(request, admin.token, team.slug, ['entity:read']);
  const victimKey = await createApiKey(request, admin.token, team.slug, ['entity:read']);
  // Several keys spread the requests over several rate-limit buckets, so no answer is a 429 for volume.
  const keys = await Promise.all(
    [1, 2, 3, 4, 5].map(() =>
      createApiKey(request, admin.token, team.slug, [
        'team:manage',
        'blueprint:read',
        'blueprint:write',
        'entity:read',
        'entity:write',
        'scorecard:read',
        'scorecard:write',
        'action:read',
        'action:write',
        'action:execute',
        'action:approve',
      ]),
    ),
  );

  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as OpenApiDocument;
  const real = {
    team: team.slug,
    blueprint_id: 'svc',
    identifier: 'e1',
    scorecard_id: 'ready',
    user_id: member.user.id,
    role_id: role.id,
    key_id: victimKey.api_key.id,
    action_id: 'deploy',
    automation_id: 'auto',
    run_id: run.id,
  };
  const sacrificial = { ...real, blueprint_id: 'victim' };
  const requests = hostileRequests(doc, real, sacrificial);
  expect(requests.length).toBeGreaterThan(1000);

  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async (slot: number) => {
    for (let i = next++; i < requests.length; i = next++) {
      const r = requests[i];
      const token = r.path.startsWith('/api/v1/teams/') ? keys[(i + slot) % keys.length].key : admin.token;
      outcomes.push(await send(request, r, token));
    }
  };
  await Promise.all([0, 1, 2, 3].map(worker));

  const serverErrors = outcomes.filter((o) => o.status >= 500 || o.status === 0);
  const shapeless = outcomes.filter((o) => o.status < 500 && badShape(o));
  const byStatus = Object.fromEntries(
    [...new Set(outcomes.map((o) => o.status))].sort().map((s) => [s, outcomes.filter((o) => o.status === s).length]),
  );
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/hostile-input.json',
    JSON.stringify(
      { requests: outcomes.length, by_status: byStatus, server_errors: serverErrors, shapeless: shapeless.slice(0, 50) },
      null,
      2,
    ),
  );
  const list = (items: Outcome[]) =>
    items
      .slice(0, 40)
      .map((o) => `${o.status} ${o.what}: ${o.body.slice(0, 160)}`)
      .join('\n');
  expect(serverErrors.length, `5xx or no answer, of ${outcomes.length} requests:\n${list(serverErrors)}`).toBe(0);
  expect(shapeless.length, `refusals without the error shape:\n${list(shapeless)}`).toBe(0);

  // The catalog is still whole afterwards: the real entity reads as it was written.
  const entity = await expectJson<{ data: unknown }>(
    await call(request, 'GET', path('svc/entities/e1'), { token: admin.token }),
    200,
    'the entity after the barrage',
  );
  expect(entity.data).toEqual({ name: 'abc', replicas: 2, tags: ['a'], meta: { k: 'v' } });
  expect(Object.prototype).not.toHaveProperty('polluted');
});

test('anonymous callers with undecodable or hostile paths get a clean 4xx on the API and the pages', async ({ request }) => {
  const paths = [
    '/api/v1/teams/%FF',
    '/api/v1/teams/%C0%AF/members',
    '/api/v1/%00',
    '/api/v1/teams/a%00b',
    '/t/%FF',
    '/t/%C0%AF/settings',
    '/%E2%82',
  ];
  for (const p of paths) {
    const response = await request.fetch(p, { maxRedirects: 0 });
    expect(response.status(), `${p}: ${(await response.text()).slice(0, 200)}`).toBeGreaterThanOrEqual(300);
    expect(response.status(), p).toBeLessThan(500);
  }
  // An undecodable `next` is ignored: the sign-in page itself, never an error or a redirect away.
  const login = await request.fetch('/login?next=%FF', { maxRedirects: 0 });
  expect(login.status()).toBe(200);
});
