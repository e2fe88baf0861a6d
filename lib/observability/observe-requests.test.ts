import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { observeRequests } from './observe-requests';
import { currentRequestId, noteRequestCaller } from './request-context';

// The server's wrapper on a real node:http server (the app behind it replaced by a small handler):
// the id on the response and in the app, one access line per request, and /metrics.

type Line = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(metricsToken?: string) {
  const lines: Line[] = [];
  const waiters: Array<{ test: (l: Line) => boolean; resolve: (l: Line) => void }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as Line;
        lines.push(line);
        for (const w of waiters.filter((x) => x.test(line))) w.resolve(line);
      }
      done();
    },
  });
  /** The first log line that passes `test`, once written (the access line follows the response). */
  const lineWhere = (test: (l: Line) => boolean) =>
    new Promise<Line>((resolve) => {
      const found = lines.find(test);
      if (found) resolve(found);
      else waiters.push({ test, resolve });
    });
  const metrics = createMetrics(() => ({ total: 3, idle: 2, waiting: 0 }));
  const seen: Array<{ header: unknown; current: string | undefined }> = [];
  let hanging: () => void = () => {};
  const hangReceived = new Promise<void>((r) => (hanging = r));
  const routeOf = (p: string) => (p.startsWith('/api/v1/teams/') ? '/api/v1/teams/[team]' : 'other');
  const server = http.createServer(
    observeRequests({ logger: createLogger('info', stream), metrics, routeOf, metricsToken }, (req, res) => {
      seen.push({ header: req.headers['x-request-id'], current: currentRequestId() });
      if (req.url === '/hang') return hanging(); // never answers: the client gives up
      // As the route wrapper does once it knows the caller, a tick later (the store must follow).
      setImmediate(() => {
        noteRequestCaller({ actorKind: 'api_key', team: 'acme' });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
    }),
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, lines, lineWhere, seen, hangReceived };
}

describe('observeRequests', () => {
  it('gives every response an X-Request-Id, keeps a sane one from the caller, gives the app the same', async () => {
    const { base, seen } = await start();
    const fresh = await fetch(`${base}/api/v1/teams/acme`);
    const kept = await fetch(`${base}/api/v1/teams/acme`, { headers: { 'x-request-id': 'client-trace.42' } });
    const replaced = await fetch(`${base}/api/v1/teams/acme`, { headers: { 'x-request-id': 'two words' } });

    expect(fresh.headers.get('x-request-id')).toMatch(UUID);
    expect(kept.headers.get('x-request-id')).toBe('client-trace.42');
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    expect(seen.map((s) => s.header)).toEqual([fresh, kept, replaced].map((r) => r.headers.get('x-request-id')));
    expect(seen.map((s) => s.current)).toEqual(seen.map((s) => s.header));
  });

  it('writes one access line per request, with the route pattern, team and actor kind', async () => {
    const { base, lines, lineWhere } = await start();
    const response = await fetch(`${base}/api/v1/teams/acme?x=1`, { method: 'POST', body: '{}' });
    const id = response.headers.get('x-request-id');
    const line = await lineWhere((l) => l.msg === 'request' && l.reqId === id);

    expect(line).toMatchObject({ level: 'info', method: 'POST', route: '/api/v1/teams/[team]', status: 201 });
    expect(line).toMatchObject({ team: 'acme', actor: 'api_key' });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    expect(lines.filter((l) => l.reqId === id)).toHaveLength(1);
  });

  it('logs a request the client abandoned as 499', async () => {
    const { base, lineWhere, hangReceived } = await start();
    const controller = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: controller.signal }).catch(() => null);
    await hangReceived; // the app has the request; its line then comes from the socket closing
    controller.abort();
    await pending;
    const line = await lineWhere((l) => l.msg === 'request' && l.route === 'other');
    expect(line).toMatchObject({ status: 499, aborted: true, method: 'GET' });
  });

  it('serves /metrics to a local client without a token, the requests counted by route pattern', async () => {
    const { base, lineWhere } = await start();
    const api = await fetch(`${base}/api/v1/teams/acme/members/7f1c`);
    await lineWhere((l) => l.reqId === api.headers.get('x-request-id'));
    const scrape = await fetch(`${base}/metrics`);

    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(text).toContain('baseplate_http_requests_total{method="GET",route="/api/v1/teams/[team]",status="201"} 1');
    expect(text).not.toContain('7f1c');
    expect(text).toContain('baseplate_db_pool_connections{state="in_use"} 1');
  });

  it('refuses /metrics without a token to a request that came through a proxy', async () => {
    const { base } = await start();
    const proxied = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(404);
    expect(await proxied.json()).toEqual({ error: { code: 'not_found', message: 'not found' } });
  });

  it('with METRICS_TOKEN, serves /metrics only to its bearer (401 in the error shape otherwise)', async () => {
    const { base } = await start('s3cret-metrics-token');
    const none = await fetch(`${base}/metrics`);
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer s3cret-metrics-tokeN' } });
    // The token opens it even through a proxy.
    const headers = { authorization: 'Bearer s3cret-metrics-token', 'x-forwarded-for': '203.0.113.9' };
    const right = await fetch(`${base}/metrics`, { headers });

    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('# TYPE baseplate_http_requests_total counter');
  });
});
