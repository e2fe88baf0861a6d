import { expect, test } from '@playwright/test';
import { API, call, createBlueprint, createTeam, expectJson, getJson, register, unique } from './support/api';
import { signIn } from './support/ui';

// The request id and /metrics on the real server (lib/observability): every response carries an
// X-Request-Id that the server chose (a caller's own only when it is a plain token), the audit row
// of a write carries the same id on both paths (the direct API and Next.js), and /metrics, asked
// from 127.0.0.1 without METRICS_TOKEN, counts requests by route pattern, never by raw path.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type AuditRow = { action: string; entity_id: string; request_id: string | null };

type Api = Parameters<typeof getJson>[0];

async function auditOf(api: Api, token: string, team: string, entityId: string): Promise<AuditRow[]> {
  const path = `/teams/${team}/audit-logs?entity_id=${entityId}`;
  const { audit_logs } = await getJson<{ audit_logs: AuditRow[] }>(api, token, path);
  return audit_logs;
}

test('a write through the direct API keeps a sane client id (header, audit row) and replaces a hostile one', async ({ request }) => {
  const admin = await register(request, 'obs');
  const team = await createTeam(request, admin.token);
  const traceId = `trace.${unique('obs')}`;

  const kept = await call(request, 'POST', `/teams/${team.slug}/blueprints`, {
    token: admin.token,
    headers: { 'x-request-id': traceId },
    body: { id: 'service', title: 'Service', schema: { type: 'object', properties: {} } },
  });
  await expectJson(kept, 201, 'create blueprint with a client id');
  expect(kept.headers()['x-request-id']).toBe(traceId);

  const replaced = await call(request, 'POST', `/teams/${team.slug}/blueprints`, {
    token: admin.token,
    headers: { 'x-request-id': `forged id" ${'x'.repeat(80)}` },
    body: { id: 'cluster', title: 'Cluster', schema: { type: 'object', properties: {} } },
  });
  await expectJson(replaced, 201, 'create blueprint with a hostile id');
  const serverId = replaced.headers()['x-request-id'];
  expect(serverId).toMatch(UUID);

  expect((await auditOf(request, admin.token, team.slug, 'service')).map((r) => r.request_id)).toEqual([traceId]);
  expect((await auditOf(request, admin.token, team.slug, 'cluster')).map((r) => r.request_id)).toEqual([serverId]);
});

test('a write through Next.js (a browser session) carries the response id into its audit row', async ({ page, request, baseURL }) => {
  const admin = await register(request, 'obs');
  const team = await createTeam(request, admin.token);
  await signIn(page, admin.email, admin.password);

  const viaNext = await page.request.post(`${API}/teams/${team.slug}/blueprints`, {
    headers: { origin: new URL(baseURL!).origin },
    data: { id: 'database', title: 'Database', schema: { type: 'object', properties: {} } },
  });
  expect(viaNext.status(), await viaNext.text()).toBe(201);
  const id = viaNext.headers()['x-request-id'];
  expect(id).toMatch(UUID);
  expect((await auditOf(request, admin.token, team.slug, 'database')).map((r) => r.request_id)).toEqual([id]);

  const pageResponse = await page.goto(`/t/${team.slug}`);
  expect(pageResponse?.headers()['x-request-id']).toMatch(UUID);
});

test('/metrics from loopback counts requests by route pattern, shows the pool and the process', async ({ request }) => {
  const admin = await register(request, 'obs');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'svc' });
  await getJson(request, admin.token, `/teams/${team.slug}/blueprints/svc`);
  const login = await request.get('/login');
  expect(login.headers()['x-request-id']).toMatch(UUID);

  const scrape = await request.get('/metrics');
  expect(scrape.status()).toBe(200);
  expect(scrape.headers()['content-type']).toContain('text/plain');
  expect(scrape.headers()['x-request-id']).toMatch(UUID);
  const text = await scrape.text();
  const count = (labels: string) => {
    const line = `baseplate_http_requests_total{${labels}} `;
    const found = text.split('\n').find((l) => l.startsWith(line));
    return found ? Number(found.slice(line.length)) : 0;
  };
  const blueprints = '/api/v1/teams/[team]/blueprints';

  expect(count(`method="POST",route="${blueprints}",status="201"`)).toBeGreaterThanOrEqual(1);
  expect(count(`method="GET",route="${blueprints}/[blueprint]",status="200"`)).toBeGreaterThanOrEqual(1);
  expect(count('method="GET",route="/login",status="200"')).toBeGreaterThanOrEqual(1);
  expect(text, 'no raw path (team slug) in any label').not.toContain(team.slug);
  const bucket = `baseplate_http_request_duration_seconds_bucket{le="0.1",method="POST",route="${blueprints}"} `;
  expect(text.split('\n').some((l) => l.startsWith(bucket))).toBe(true);
  expect(text).toMatch(/^baseplate_db_pool_connections\{state="idle"\} \d+$/m);
  expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  expect(text).toMatch(/^process_resident_memory_bytes \d/m);
});

test('/metrics is not served to a request that came through a proxy (no METRICS_TOKEN set)', async ({ request }) => {
  const proxied = await request.get('/metrics', { headers: { 'x-forwarded-for': '203.0.113.7' } });
  expect(proxied.status()).toBe(404);
  expect(await proxied.json()).toEqual({ error: { code: 'not_found', message: 'not found' } });
});
