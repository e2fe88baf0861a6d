import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRouteTable } from '@/lib/http/api-route-table';
import { loadDirectApi } from './direct-api';
import { seen } from './fixtures/app/api/v1/events/route';
import { BULK } from './fixtures/app/api/v1/bulk/route';
import { gate } from './fixtures/app/api/v1/lines/route';
import { createRequestFront } from './handle-request';

// The request front and the direct dispatcher over a real socket, with fixture routes
// (lib/cli/fixtures/app/api) and a stand-in for Next.js that says it answered. Raw sockets where a
// well-behaved client cannot send the request (a bad Host, a body that never ends).

const APP = path.join(import.meta.dirname, 'fixtures', 'app');
const TOKEN = { authorization: 'Bearer test' };
let server: http.Server;
let base: string;
let port: number;
const nextSaw: Array<{ url: string; csp: string | undefined }> = [];

beforeAll(async () => {
  const direct = await loadDirectApi(APP);
  const front = createRequestFront({
    direct,
    routes: apiRouteTable(APP),
    dev: false,
    trustedProxies: [],
    next: async (req, res) => {
      nextSaw.push({ url: req.url ?? '', csp: req.headers['content-security-policy'] as string | undefined });
      res.setHeader('content-type', 'text/plain');
      res.end('next');
    },
  });
  server = http.createServer((req, res) => void front(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends raw bytes; resolves with what came back once the server has answered a full head and body, or closed. */
function raw(head: string, body?: Buffer): Promise<{ text: string; socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text);
      if (end >= 0 && length && text.length >= end + 4 + Number(length[1])) resolve({ text, socket });
      if (end >= 0 && /transfer-encoding: chunked/i.test(text) && text.endsWith('\r\n0\r\n\r\n')) resolve({ text, socket });
    });
    socket.on('close', () => resolve({ text, socket }));
    socket.on('error', (error) => (text ? resolve({ text, socket }) : reject(error)));
    socket.write(head);
    if (body) socket.write(body);
  });
}

const statusOf = (text: string) => Number(text.slice(9, 12));

/** The body of a raw answer, chunked or not. */
function bodyOf(text: string): { error: { code: string; details: { reason: string } } } {
  let body = text.slice(text.indexOf('\r\n\r\n') + 4);
  if (/transfer-encoding: chunked/i.test(text)) {
    let out = '';
    for (let size = parseInt(body, 16); size > 0; size = parseInt(body, 16)) {
      const start = body.indexOf('\r\n') + 2;
      out += body.slice(start, start + size);
      body = body.slice(start + size + 2);
    }
    body = out;
  }
  return JSON.parse(body);
}

describe('the request front refuses what no route can serve, in the error shape', () => {
  it('answers a malformed Host with a token 400 instead of throwing', async () => {
    const { text, socket } = await raw('GET /api/v1/echo HTTP/1.1\r\nHost: exa mple:99999x\r\nAuthorization: Bearer t\r\n\r\n');
    socket.destroy();
    expect(statusOf(text)).toBe(400);
    expect(bodyOf(text).error).toMatchObject({ code: 'bad_request', details: { reason: 'invalid_host' } });
  });

  it('answers undecodable percent-escapes 400, with or without credentials, on API and page paths', async () => {
    for (const headers of [TOKEN, {}]) {
      for (const p of ['/api/v1/items/%FF', '/api/v1/items/%C0%AF']) {
        const response = await fetch(base + p, { headers });
        expect(response.status, p).toBe(400);
        expect(((await response.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('invalid_path_encoding');
      }
    }
    const page = await fetch(`${base}/t/%FF`);
    expect(page.status).toBe(400);
    expect(nextSaw.some((s) => s.url.includes('%FF'))).toBe(false);
  });

  it('answers an unknown method 405, and a method the route lacks 405 with Allow, on both paths', async () => {
    const { text, socket } = await raw('PROPFIND /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
    expect(statusOf(text)).toBe(405);
    expect(bodyOf(text).error.code).toBe('method_not_allowed');
    for (const headers of [TOKEN, {}]) {
      const response = await fetch(`${base}/api/v1/echo`, { method: 'DELETE', headers });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('OPTIONS, GET, POST, HEAD');
    }
  });

  it('refuses a declared body over 1 MiB from Content-Length, before any of it is sent', async () => {
    const head = (bytes: number) =>
      `POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`;
    // Up to 8 MiB the connection stays open (the rest of the body is read and dropped, so a
    // client still writing reads the answer); a larger one is closed after the answer.
    for (const [bytes, closes] of [
      [2 * 1024 * 1024, false],
      [16 * 1024 * 1024, true],
    ] as const) {
      const { text, socket } = await raw(head(bytes));
      socket.destroy();
      expect(statusOf(text), `${bytes} bytes`).toBe(413);
      expect(bodyOf(text).error.code).toBe('payload_too_large');
      expect(text.toLowerCase().includes('connection: close'), `${bytes} bytes: connection: close`).toBe(closes);
    }
  });

  it('cuts a chunked body off at 1 MiB and answers 413 without waiting for its end', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const framed = Buffer.concat(
      Array.from({ length: 6 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])),
    );
    // 1.5 MiB sent, and no terminating chunk: a server reading to the end would never answer.
    const { text, socket } = await raw(
      'POST /api/v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\nTransfer-Encoding: chunked\r\n\r\n',
      framed,
    );
    socket.destroy();
    expect(statusOf(text)).toBe(413);
    expect(bodyOf(text).error.code).toBe('payload_too_large');
  });

  it('passes a body under the limit whole to the handler', async () => {
    const response = await fetch(`${base}/api/v1/echo`, { method: 'POST', headers: TOKEN, body: 'b'.repeat(1024 * 1024) });
    expect(await response.json()).toEqual({ bytes: 1024 * 1024 });
  });
});

describe('the direct dispatcher', () => {
  it('serves token calls itself and leaves the rest (no credentials, catch-alls, trailing slashes) to Next.js', async () => {
    expect(await (await fetch(`${base}/api/v1/items/a%2Fb`, { headers: TOKEN })).json()).toEqual({ id: 'a/b' });
    expect(await (await fetch(`${base}/api/v1/items/__proto__`, { headers: TOKEN })).json()).toEqual({ id: '__proto__' });
    for (const [p, headers] of [
      ['/api/v1/items/x', {}],
      ['/api/v1/some/where', TOKEN],
      ['/api/v1/items/x/', TOKEN],
    ] as const) {
      expect(await (await fetch(base + p, { headers })).text(), p).toBe('next');
    }
  });

  it("serves a withPublic method without credentials (it reads no session); the route's other methods still need a token", async () => {
    const signed = await fetch(`${base}/api/v1/open`, { method: 'POST', headers: { 'x-signature': 's' } });
    expect(await signed.json()).toEqual({ direct: true, signed: 's' });
    expect(await (await fetch(`${base}/api/v1/open`)).text()).toBe('next');
    expect(await (await fetch(`${base}/api/v1/open`, { headers: TOKEN })).json()).toEqual({ direct: true });
  });

  it('streams server-sent events; the client leaving aborts request.signal and after() work still runs', async () => {
    const aborter = new AbortController();
    const response = await fetch(`${base}/api/v1/events`, { headers: TOKEN, signal: aborter.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^data: 0\n\n/);
    expect(seen.afterRan).toBe(false);
    aborter.abort();
    await expect.poll(() => seen.aborted).toBe(true);
    await expect.poll(() => seen.afterRan).toBe(true);
  });

  it('streams NDJSON line by line: the first line arrives before the second exists', async () => {
    const lines: string[] = [];
    await new Promise<void>((resolve) => {
      // Compressed where the shared compression middleware compresses (a flush per chunk keeps it live).
      http.get(`${base}/api/v1/lines`, { headers: { ...TOKEN, 'accept-encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-type']).toBe('application/x-ndjson');
        const gzip = res.headers['content-encoding'] === 'gzip';
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          const all = Buffer.concat(chunks);
          const text = (gzip ? gunzipSync(all, { finishFlush: 2 /* Z_SYNC_FLUSH */ }) : all).toString();
          lines.splice(0, lines.length, ...text.split('\n').filter(Boolean));
          if (lines.length === 1) gate.release?.(); // the second line waits for the first to arrive
        });
        res.on('end', () => resolve());
      });
    });
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('streams a long body to a slow reader with backpressure, without piling up listeners', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      for (const encoding of ['gzip', 'identity']) {
        const lines = await new Promise<number>((resolve, reject) => {
          http.get(`${base}/api/v1/bulk`, { headers: { ...TOKEN, 'accept-encoding': encoding } }, (res) => {
            const chunks: Buffer[] = [];
            // A slow client: each chunk read after a pause, so the server's buffers fill and it waits.
            res.on('data', (chunk: Buffer) => {
              chunks.push(chunk);
              res.pause();
              setTimeout(() => res.resume(), 1);
            });
            res.on('end', () => {
              const all = Buffer.concat(chunks);
              const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(all) : all).toString();
              resolve(text.split('\n').filter(Boolean).length);
            });
            res.on('error', reject);
          });
        });
        expect(lines, encoding).toBe(BULK.chunks);
      }
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes('MaxListenersExceeded'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('flushes compressed server-sent events per event', async () => {
    const response = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${base}/api/v1/events`, { headers: { ...TOKEN, 'accept-encoding': 'gzip' } }, resolve),
    );
    expect(response.headers['content-encoding']).toBe('gzip');
    // The stream never ends by itself: what has arrived must already inflate to the first event.
    const first = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        const text = gunzipSync(Buffer.concat(chunks), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString();
        if (text) resolve(text);
      });
    });
    expect(first).toMatch(/^data: 0\n\n/);
    response.destroy();
    await expect.poll(() => seen.afterRan).toBe(true);
  });

  it('compresses a JSON answer as Next.js does', async () => {
    const response = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${base}/api/v1/echo`, { headers: { ...TOKEN, 'accept-encoding': 'gzip' } }, resolve),
    );
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toBe('rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding');
    response.resume();
  });
});

describe('security headers', () => {
  it('are on API answers and pages; a page gets a fresh CSP nonce that Next.js sees and a client cannot choose', async () => {
    const api = await fetch(`${base}/api/v1/echo`, { headers: TOKEN });
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const response of [api, await fetch(`${base}/t/acme`, { headers: { 'content-security-policy': "script-src 'nonce-mine'" } })]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('strict-transport-security')).toBeNull(); // plain HTTP, no trusted proxy
    }
    const page = await fetch(`${base}/t/acme`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(nextSaw.at(-1)?.csp).toBe(policy);
    expect(nextSaw.at(-2)?.csp).not.toContain('nonce-mine');
    expect(nextSaw.at(-2)?.csp).not.toBe(policy);
  });
});
