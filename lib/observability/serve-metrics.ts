import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

// GET /metrics, answered by the server itself before Next.js or the API dispatcher. With
// METRICS_TOKEN set, only `Authorization: Bearer <token>` may read it (401 otherwise). Without,
// only a client on this machine may: 404 to anyone else, as if there were no such path. A request
// that came through a proxy (X-Forwarded-For / Forwarded) does not count as local even when the
// proxy itself runs on this machine, or a local reverse proxy would publish the metrics.

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

type ErrorReply = { status: number; code: string; message: string; headers?: Record<string, string> };

function sendError(res: ServerResponse, { status, code, message, headers }: ErrorReply) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the Authorization header carries the token (compared in constant time). */
function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return !!match && timingSafeEqual(digest(match[1]), digest(token));
}

function isLocal(req: IncomingMessage): boolean {
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !proxied && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

const NOT_FOUND: ErrorReply = { status: 404, code: 'not_found', message: 'not found' };
const NO_TOKEN: ErrorReply = {
  status: 401,
  code: 'unauthenticated',
  message: 'send Authorization: Bearer <METRICS_TOKEN>',
  headers: { 'www-authenticate': 'Bearer' },
};

export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  token: string | undefined,
): Promise<void> {
  if (!token && !isLocal(req)) return sendError(res, NOT_FOUND);
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, NOT_FOUND);
  if (token && !hasToken(req, token)) return sendError(res, NO_TOKEN);
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
