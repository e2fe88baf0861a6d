import net from 'node:net';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { API, call, createApiKey, createBlueprint, createTeam, expectError, register } from './support/api';

// The two request paths side by side: the same token call to the server as shipped (direct
// dispatcher) and to the `next-only` instance (BASEPLATE_DIRECT_API=false, same database) must get
// the same answer: status, the headers that matter, body. Plus what the request front refuses on
// both before any route runs. Runs once (project chromium): it drives both servers itself.

const DIRECT = `http://127.0.0.1:${process.env.BASEPLATE_E2E_PORT}`;
const NEXT_ONLY = `http://127.0.0.1:${process.env.BASEPLATE_E2E_NEXT_ONLY_PORT}`;
const HEADERS_THAT_MATTER = [
  'content-type',
  'content-encoding',
  'vary',
  'cache-control',
  'etag',
  'location',
  'allow',
  'retry-after',
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'strict-transport-security',
];

let direct: APIRequestContext;
let nextOnly: APIRequestContext;
test.beforeAll(async () => {
  direct = await playwrightRequest.newContext({ baseURL: DIRECT });
  nextOnly = await playwrightRequest.newContext({ baseURL: NEXT_ONLY });
});
test.afterAll(async () => {
  await direct?.dispose();
  await nextOnly?.dispose();
});

/** What must be equal; ids and times a write generates are replaced by their shape. */
async function answer(response: APIResponse) {
  const headers = response.headers();
  const text = await response.text();
  const normalise = (value: string) =>
    value
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, '<time>')
      .replace(/"etag":"[^"]*"/g, '"etag":"<etag>"')
      .replace(/127\.0\.0\.1:\d+/g, '<server>') // the OpenAPI document names the server it came from
      .replace(/\bw[12]\b/g, '<item>'); // the item each path wrote
  return {
    status: response.status(),
    headers: Object.fromEntries(HEADERS_THAT_MATTER.map((h) => [h, h === 'etag' && headers[h] ? '<present>' : (headers[h] ?? null)])),
    requestId: 'x-request-id' in headers,
    body: normalise(text),
  };
}

test('reads and writes get the same status, headers and body by either path', async ({ request }) => {
  const owner = await register(request, 'paths');
  const team = await createTeam(request, owner.token);
  await createBlueprint(request, owner.token, team.slug, {
    id: 'service',
    schema: { type: 'object', properties: { tier: { type: 'string' } } },
  });
  const { key } = await createApiKey(request, owner.token, team.slug, ['blueprint:read', 'entity:read', 'entity:write']);
  const entities = `/teams/${team.slug}/blueprints/service/entities`;
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  for (let i = 0; i < 30; i++)
    await call(request, 'POST', entities, {
      token: owner.token,
      body: { identifier: `svc-${i}`, title: `Service ${i} ${'x'.repeat(60)}`, data: { tier: 'gold' } },
    });

  type Step = {
    what: string;
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    path: (item: string) => string;
    body?: (item: string) => unknown;
    headers?: Record<string, string>;
  };
  const steps: Step[] = [
    { what: 'a compressed page of entities', method: 'GET', path: () => `${entities}?limit=30`, headers: gzip },
    { what: 'a small read, uncompressed', method: 'GET', path: () => `/teams/${team.slug}/blueprints/service` },
    { what: 'the team OpenAPI document', method: 'GET', path: () => `/teams/${team.slug}/openapi.json`, headers: gzip },
    { what: 'not found', method: 'GET', path: () => `${entities}/nope` },
    { what: 'an unknown query parameter', method: 'GET', path: () => `${entities}?bogus=1` },
    { what: 'create', method: 'POST', path: () => entities, body: (item) => ({ identifier: item, title: 'T', data: { tier: 'gold' } }) },
    { what: 'create again: conflict', method: 'POST', path: () => entities, body: (item) => ({ identifier: item, title: 'T', data: {} }) },
    { what: 'a body that breaks the schema', method: 'POST', path: () => entities, body: () => ({ identifier: 'bad', data: { tier: 5 } }) },
    {
      what: 'a body that is not JSON',
      method: 'POST',
      path: () => entities,
      body: () => '{nope',
      headers: { 'content-type': 'application/json' },
    },
    { what: 'merge patch', method: 'PATCH', path: (item) => `${entities}/${item}`, body: () => ({ title: 'Patched' }) },
    { what: 'a method the route lacks', method: 'PUT', path: () => entities, body: () => ({}) },
    { what: 'delete', method: 'DELETE', path: (item) => `${entities}/${item}` },
  ];
  for (const step of steps) {
    const one = async (api: APIRequestContext, item: string) =>
      answer(await call(api, step.method, step.path(item), { token: key, body: step.body?.(item), headers: step.headers }));
    const viaDirect = await one(direct, 'w1');
    const viaNext = await one(nextOnly, 'w2');
    expect(viaDirect, step.what).toEqual(viaNext);
  }
});

test("security headers on a page and an API answer; the page's scripts carry the CSP nonce and run", async ({ page, request }) => {
  const api = await request.get('/api/v1/health');
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  const refused: string[] = [];
  page.on('console', (message) => message.text().includes('Content Security Policy') && refused.push(message.text()));
  const response = await page.goto('/login');
  const headers = response!.headers();
  for (const h of [api.headers(), headers]) {
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  }
  const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'])?.[1];
  expect(nonce).toBeTruthy();
  expect(await response!.text()).toContain(`nonce="${nonce}"`);
  // The inline scripts ran (they fill self.__next_f) and React hydrated (the router sets window.next).
  await page.waitForFunction(
    () =>
      Array.isArray((self as unknown as { __next_f?: unknown }).__next_f) &&
      !!(window as unknown as { next?: { version?: string } }).next?.version,
  );
  expect(refused).toEqual([]);
  // Behind a trusted proxy that says HTTPS, HSTS; without one, never.
  expect(headers['strict-transport-security']).toBeUndefined();
});

/** One raw HTTP/1.1 exchange: what a well-behaved client library cannot send. */
function raw(base: string, text: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let got = '';
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer: the connection hung')));
    socket.on('data', (chunk) => (got += chunk.toString('latin1')));
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
    socket.end(text);
  });
}

test('what the front refuses, by either path: a bad Host, undecodable escapes, an unknown method, a body declared too big', async ({
  request,
}) => {
  const owner = await register(request, 'front');
  for (const base of [DIRECT, NEXT_ONLY]) {
    const badHost = await raw(
      base,
      `GET ${API}/auth/me HTTP/1.1\r\nHost: bad host:x\r\nAuthorization: Bearer ${owner.token}\r\nConnection: close\r\n\r\n`,
    );
    expect(badHost, base).toMatch(/^HTTP\/1\.1 400 /);
    expect(badHost).toContain('"reason":"invalid_host"');
    const method = await raw(base, `PROPFIND ${API}/auth/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(method).toMatch(/^HTTP\/1\.1 405 /);
    expect(method).toContain('"code":"method_not_allowed"');
    const big = await raw(
      base,
      `POST ${API}/teams HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${owner.token}\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 413 /);
    const api = await playwrightRequest.newContext({ baseURL: base });
    for (const token of [owner.token, undefined]) {
      for (const p of ['/teams/%FF', '/teams/%C0%AF/blueprints']) {
        const body = await expectError(await call(api, 'GET', p, { token }), 400, `${p} on ${base}`);
        expect((body.error as { details?: unknown }).details).toEqual({ reason: 'invalid_path_encoding' });
      }
    }
    expect((await api.get('/t/%FF')).status()).toBe(400);
    await api.dispose();
  }
});
