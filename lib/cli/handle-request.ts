import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { matchApiRoute, type ApiRoute, type HttpMethod } from '@/lib/http/api-route-table';
import { DRAIN_BYTES, MAX_BODY_BYTES } from '@/lib/http/request-body';
import { REQUEST_PATH_HEADER } from '@/lib/web/sign-in-href';
import type { DirectApi } from './direct-api';
import { setSecurityHeaders } from './security-headers';

// The request front: every request, whichever path serves it, passes here first. It refuses what
// neither path may see, with the error shape of API.md and before any body is read (a Host that is
// no host, a path whose percent-escapes decode to no text, a method no route has, a declared body
// over 1 MiB), sets the headers both paths share (security headers; compression, which Next.js
// applies itself on its path), then hands the request to the direct dispatcher or to Next.js. No
// request can throw out of here or stay unanswered.

export const CLIENT_IP_HEADER = 'x-baseplate-client-ip';

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A host name, IPv4, or [IPv6], with an optional port.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

// The very compression middleware Next.js's router applies, so both paths compress alike.
const requireCjs = createRequire(import.meta.url);
const compression = requireCjs('next/dist/compiled/compression') as () => Middleware;
// Without it, a client that leaves mid-response leaks the compressor's zlib stream (as in Next's router).
const { releaseCompressionStream } = requireCjs('next/dist/server/lib/release-compression-stream') as {
  releaseCompressionStream: (res: ServerResponse) => void;
};

type Refusal = { code: ErrorCode; message: string; reason: string; headers?: Record<string, string> };

function send(res: ServerResponse, api: boolean, refusal: Refusal): void {
  const status = ERROR_STATUS[refusal.code];
  res.statusCode = status;
  for (const [k, v] of Object.entries(refusal.headers ?? {})) res.setHeader(k, v);
  if (api) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message, details: { reason: refusal.reason } } }));
  } else {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(`${status} ${refusal.message}\n`);
  }
}

/** The request's URL, or the reason it has none that any route could serve. */
export function checkRequest(req: IncomingMessage): { url: URL } | Refusal {
  const host = req.headers.host ?? 'localhost';
  if (!HOST.test(host)) return { code: 'bad_request', message: 'the Host header is not a host name', reason: 'invalid_host' };
  const method = req.method ?? '';
  if (!ALLOWED_METHODS.has(method)) {
    return {
      code: 'method_not_allowed',
      message: `method ${method} is not served`,
      reason: 'method_not_allowed',
      headers: { allow: [...ALLOWED_METHODS].join(', ') },
    };
  }
  const target = req.url ?? '';
  let url: URL;
  try {
    if (!target.startsWith('/')) throw new Error('not an origin-form target');
    url = new URL(target, `http://${host}`);
  } catch {
    return { code: 'bad_request', message: 'the request target is not a path', reason: 'invalid_path' };
  }
  try {
    url.pathname.split('/').forEach((segment) => decodeURIComponent(segment));
  } catch {
    return { code: 'bad_request', message: 'the path has a percent-escape that is not UTF-8', reason: 'invalid_path_encoding' };
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (BODY_METHODS.has(method) && declared > MAX_BODY_BYTES) {
    return {
      code: 'payload_too_large',
      message: 'the request body is larger than 1 MiB',
      reason: 'body_too_large',
      // Up to DRAIN_BYTES the connection stays open and Node reads the unread body after the
      // answer and drops it, so a client still sending reads the 413 instead of EPIPE; past it,
      // the connection is closed after the answer.
      ...(declared > DRAIN_BYTES && { headers: { connection: 'close' } }),
    };
  }
  return { url };
}

/** Serves one request; the promise settles when the answer and its after-response work are done. Never rejects. */
export type RequestFront = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

type FrontOptions = {
  next: NextHandler;
  direct: DirectApi | null;
  routes: readonly ApiRoute[];
  dev: boolean;
  trustedProxies: readonly string[];
  /** The single sign-on provider's origin, which the pages' form-action allows (security-headers.ts). */
  ssoOrigin?: string;
};

export function createRequestFront(options: FrontOptions): RequestFront {
  const compress = compression();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? '';
    const path = req.url ?? '';
    const api = path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');
    setSecurityHeaders(req, res, { api, dev: options.dev, trustedProxies: options.trustedProxies, ssoOrigin: options.ssoOrigin });
    const checked = checkRequest(req);
    if (!('url' in checked)) return send(res, api, checked);
    // The page asked for, for a sign-in redirect that brings the person back (lib/web/page-context.ts):
    // Next.js gives server components no URL. Always ours: a client's header of that name is replaced.
    req.headers[REQUEST_PATH_HEADER] = `${checked.url.pathname}${checked.url.search}`;
    const route = api ? matchApiRoute(options.routes, checked.url.pathname) : null;
    const method = req.method!;
    // Next.js answers HEAD and OPTIONS for every route itself; any other method a route lacks is
    // a 405 in the API's shape on both paths (Next's own is an empty body).
    if (route && method !== 'HEAD' && method !== 'OPTIONS' && !route.route.methods.includes(method as never)) {
      const allow = ['OPTIONS', ...route.route.methods, ...(route.route.methods.includes('GET') ? ['HEAD'] : [])];
      return send(res, true, {
        code: 'method_not_allowed',
        message: `${method} is not a method of this route`,
        reason: 'method_not_allowed',
        headers: { allow: allow.join(', ') },
      });
    }
    // Session calls need Next.js's request scope (next-auth reads its cookies there); calls with a
    // token, and calls to routes that read no session (webhook ingestion, signed), do not.
    const direct = route && options.direct && (req.headers.authorization || route.route.publicMethods.includes(method as HttpMethod));
    const found = direct ? options.direct!.handlerFor(route, method) : null;
    if (found) {
      compress(req, res, () => {});
      res.once('close', () => res.writableFinished || releaseCompressionStream(res));
      return options.direct!.dispatch(found, checked.url, req, res);
    }
    return options.next(req, res);
  }

  return (req, res) => {
    // Sockets fail (a reset mid-body): that is the client's loss, never the process's.
    req.on('error', () => {});
    res.on('error', () => {});
    return serve(req, res).catch((error: unknown) => {
      console.error('[baseplate] a request failed outside any route:', error);
      if (res.headersSent) return void res.destroy();
      send(res, (req.url ?? '').startsWith('/api'), { code: 'internal', message: 'internal error', reason: 'internal' });
    });
  };
}
