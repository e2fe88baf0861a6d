import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedFetch } from './guarded-fetch';
import { OutboundNetworkError, OutboundRefused, OutboundTimeout } from './outbound-errors';
import { EMPTY_ALLOWLIST, parseOutboundAllowlist } from './outbound-allowlist';
import { generateSigningSecret, signWebhook, verifyWebhookSignature } from './sign-webhook';

// Real sockets on loopback, no mocks: receivers are node:http servers on 127.0.0.1, port 0. Loopback
// is exactly what the guard refuses by default, so each test says what it allows.

type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer };
type Receiver = { origin: string; port: number; received: Received[] };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startReceiver(handle: (req: Received, res: ServerResponse) => void): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(entry);
      handle(entry, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, port, received };
}

const LOOPBACK_V4 = parseOutboundAllowlist('127.0.0.1/32');

async function refusal(promise: Promise<unknown>): Promise<OutboundRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundRefused);
  return error as OutboundRefused;
}

describe('guardedFetch', () => {
  it('refuses a loopback receiver without the allowlist, and never connects', async () => {
    const receiver = await startReceiver((_, res) => res.end('ok'));
    const error = await refusal(guardedFetch(`${receiver.origin}/hook`, { method: 'POST', body: '{}', allowlist: EMPTY_ALLOWLIST }));
    expect(error).toMatchObject({ reason: 'private_address', hop: 0, retryable: false });
    expect(error.message).toContain('127.0.0.1 is a loopback address');
    // 127.0.0.1 written as one number is the same address once the URL is parsed.
    await refusal(guardedFetch(`http://2130706433:${receiver.port}/hook`, { allowlist: EMPTY_ALLOWLIST }));
    expect(receiver.received).toHaveLength(0);
    expect((await guardedFetch(`http://2130706433:${receiver.port}/hook`, { allowlist: LOOPBACK_V4 })).body).toBe('ok');
  });

  it('reaches it through a 127.0.0.1/32 allowlist with the body and headers that verify', async () => {
    const receiver = await startReceiver((_, res) => res.writeHead(202, { 'x-reply': 'yes' }).end('{"accepted":true}'));
    const secret = generateSigningSecret();
    const body = JSON.stringify({ run: { id: 'r1', token: 't' }, inputs: { name: 'café' } });
    const response = await guardedFetch(`${receiver.origin}/hook?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(secret, body) },
      body,
      allowlist: LOOPBACK_V4,
    });
    expect(response).toMatchObject({ status: 202, body: '{"accepted":true}', truncated: false, redirects: 0 });
    expect(response.headers['x-reply']).toBe('yes');
    expect(Object.getPrototypeOf(response.headers)).toBeNull();
    const [got] = receiver.received;
    expect(got).toMatchObject({ method: 'POST', url: '/hook?x=1' });
    expect(got.body.toString('utf8')).toBe(body);
    expect(verifyWebhookSignature(secret, got.headers, got.body)).toEqual({ valid: true });
  });

  it('refuses a host name that resolves to loopback (localhost), after resolving it', async () => {
    const receiver = await startReceiver((_, res) => res.end('ok'));
    const error = await refusal(guardedFetch(`http://localhost:${receiver.port}/`, { allowlist: EMPTY_ALLOWLIST }));
    expect(error.reason).toBe('private_address');
    expect(error.message).toMatch(/^http:\/\/localhost:\d+: localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
    expect(receiver.received).toHaveLength(0);
  });

  it('reaches a name allowed by a host entry, whatever it resolves to', async () => {
    const receiver = await startReceiver((_, res) => res.end('by name'));
    const response = await guardedFetch(`http://localhost:${receiver.port}/`, { allowlist: parseOutboundAllowlist('localhost') });
    expect(response.body).toBe('by name');
    expect(receiver.received).toHaveLength(1);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'redirect 1 to http://169.254.169.254: 169.254.169.254 is a link-local address'],
    ['http://127.0.0.2:9/', 'redirect 1 to http://127.0.0.2:9: 127.0.0.2 is a loopback address'],
    ['http://[::1]:9/', 'redirect 1 to http://[::1]:9: ::1 is a loopback address'],
    ['http://2130706434:9/', 'redirect 1 to http://127.0.0.2:9: 127.0.0.2 is a loopback address'],
  ])('refuses a redirect from an allowed receiver to %s, naming the hop', async (target, message) => {
    const receiver = await startReceiver((_, res) => res.writeHead(302, { location: target }).end());
    const error = await refusal(guardedFetch(`${receiver.origin}/start`, { allowlist: LOOPBACK_V4 }));
    expect(error).toMatchObject({ reason: 'private_address', hop: 1 });
    expect(error.message).toContain(message);
    expect(receiver.received).toHaveLength(1);
  });

  it('follows allowed redirects, a 303 after a POST as a GET without the body', async () => {
    const receiver = await startReceiver((req, res) => {
      if (req.url === '/start') res.writeHead(307, { location: '/middle' }).end();
      else if (req.url === '/middle') res.writeHead(303, { location: `${receiver.origin}/end` }).end();
      else res.end(`${req.method} ${req.body.length}`);
    });
    const response = await guardedFetch(`${receiver.origin}/start`, { method: 'POST', body: 'payload', allowlist: LOOPBACK_V4 });
    expect(response).toMatchObject({ status: 200, body: 'GET 0', redirects: 2, url: `${receiver.origin}/end` });
    expect(receiver.received.map((r) => `${r.method} ${r.url} ${r.body.toString()}`)).toEqual([
      'POST /start payload',
      'POST /middle payload',
      'GET /end ',
    ]);
  });

  it('drops credentials on a redirect to another origin', async () => {
    const other = await startReceiver((req, res) => res.end(String(req.headers.authorization ?? 'none')));
    const first = await startReceiver((req, res) => res.writeHead(302, { location: `${other.origin}/x` }).end());
    const response = await guardedFetch(`${first.origin}/`, { headers: [['Authorization', 'Bearer secret']], allowlist: LOOPBACK_V4 });
    expect(first.received[0].headers.authorization).toBe('Bearer secret');
    expect(response.body).toBe('none');
  });

  it('stops after 5 redirects', async () => {
    const receiver = await startReceiver((req, res) => res.writeHead(302, { location: `/r${req.url.length}` }).end());
    const error = await refusal(guardedFetch(`${receiver.origin}/`, { allowlist: LOOPBACK_V4 }));
    expect(error).toMatchObject({ reason: 'too_many_redirects', hop: 6 });
    expect(receiver.received).toHaveLength(6);
  });

  it('times out on a receiver that never answers', async () => {
    const receiver = await startReceiver(() => {});
    const error = await guardedFetch(`${receiver.origin}/`, { timeoutMs: 300, allowlist: LOOPBACK_V4 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundTimeout);
    expect(error).toMatchObject({ reason: 'timeout', retryable: true, timeoutMs: 300 });
  });

  it('times out on a body that never ends (the limit covers the body too)', async () => {
    const receiver = await startReceiver((_, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const error = await guardedFetch(`${receiver.origin}/`, { timeoutMs: 300, allowlist: LOOPBACK_V4 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundTimeout);
  });

  it('keeps the first maxResponseBytes of a huge answer and stops reading', async () => {
    const receiver = await startReceiver((_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'é'.repeat(8192); // 2 bytes each: the cut must not split one
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const response = await guardedFetch(`${receiver.origin}/`, { maxResponseBytes: 1001, allowlist: LOOPBACK_V4 });
    expect(response.truncated).toBe(true);
    expect(response.body).toBe('é'.repeat(500));
  });

  it('keeps 64 KiB by default', async () => {
    const receiver = await startReceiver((_, res) => res.end('x'.repeat(200_000)));
    const response = await guardedFetch(`${receiver.origin}/`, { allowlist: LOOPBACK_V4 });
    expect(response).toMatchObject({ truncated: true });
    expect(response.body).toHaveLength(64 * 1024);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const receiver = await startReceiver(() => {});
    const closed = servers.pop() as Server;
    await new Promise((resolve) => closed.close(resolve));
    const error = await guardedFetch(`${receiver.origin}/`, { allowlist: LOOPBACK_V4 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutboundNetworkError);
    expect(error).toMatchObject({ reason: 'network', code: 'ECONNREFUSED', retryable: true });
  });

  it('refuses a header HTTP cannot carry, before sending anything', async () => {
    const receiver = await startReceiver((_, res) => res.end());
    const error = await refusal(guardedFetch(`${receiver.origin}/`, { headers: { 'x-bad': 'a\r\nInjected: 1' }, allowlist: LOOPBACK_V4 }));
    expect(error.reason).toBe('invalid_request');
    expect((await refusal(guardedFetch(`${receiver.origin}/`, { method: 'GET /x HTTP/1.1\r\n', allowlist: LOOPBACK_V4 }))).reason).toBe(
      'invalid_request',
    );
    expect(receiver.received).toHaveLength(0);
  });
});
