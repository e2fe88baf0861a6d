import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiRouteTable, type ApiRoute, type RouteMatch } from '@/lib/http/api-route-table';
import { withAfterQueue } from '@/lib/http/after-response';
import { toErrorResponse } from '@/lib/http/error-response';
import { MAX_BODY_BYTES } from '@/lib/http/request-body';
import { log } from '@/lib/observability/logger';
import { requestIdFor } from '@/lib/observability/request-id';
import { AppError } from '@/lib/errors';

// The direct API dispatcher. Scripts and CI jobs call the REST API with an Authorization header;
// for those requests Baseplate's own server calls the App Router route handlers itself (the same
// app/api route modules, the same withTeam wrapper) instead of going through Next.js's request
// pipeline, whose routing, rendering setup and stream adapters cost several times the CPU of the
// handler on a small page (bench/results/search-*.md measures both ways). It serves from the one
// route table (lib/http/api-route-table.ts) that the OpenAPI coverage test also checks. What it
// cannot serve exactly as Next would it leaves to Next: requests without credentials to routes
// that read a session (next-auth reads it in Next's request scope; withPublic routes read none), unknown paths, catch-all routes, trailing slashes and methods a
// route does not export. The request front (lib/cli/handle-request.ts) has already refused what
// neither path may see (bad Host, undecodable path, unknown method, a declared body over 1 MiB)
// and set the headers both paths share. Off with BASEPLATE_DIRECT_API=false.

type Params = Record<string, string>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;
export type DirectMatch = { handler: Handler; params: Params };

export type DirectApi = {
  /** The handler for a route the table matched, or null to leave the method to Next.js. */
  handlerFor(found: RouteMatch, method: string): DirectMatch | null;
  /** Serves a matched request; never rejects, never leaves the response unanswered. */
  dispatch(found: DirectMatch, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void>;
  routes: number;
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const NEXT_APP_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';

async function loadHandlers(apiDir: string, entry: ApiRoute): Promise<Map<string, Handler>> {
  const mod = (await import(pathToFileURL(path.join(apiDir, entry.file)).href)) as Record<string, unknown>;
  const handlers = new Map<string, Handler>();
  for (const method of METHODS) {
    const exported = typeof mod[method] === 'function';
    // The table reads exports from the source; a module that disagrees would be served
    // differently by the two paths, so it stops the start instead.
    if (exported !== entry.methods.includes(method)) {
      throw new Error(`app/api/${entry.file}: the route table and the module disagree on ${method}`);
    }
    if (exported) handlers.set(method, mod[method] as Handler);
  }
  return handlers;
}

export async function loadDirectApi(appDir: string): Promise<DirectApi> {
  const apiDir = path.join(appDir, 'api');
  const byRoute = new Map<ApiRoute, Map<string, Handler>>();
  for (const entry of apiRouteTable(appDir)) if (!entry.catchAll) byRoute.set(entry, await loadHandlers(apiDir, entry));
  return {
    routes: byRoute.size,
    handlerFor(found, method) {
      const handler = byRoute.get(found.route)?.get(method);
      return handler ? { handler, params: found.params } : null;
    },
    dispatch,
  };
}

/**
 * The request body as a stream the handler pulls from, cut off past 1 MiB: reading stops there
 * (a chunked body is never read to its end) and the dispatcher answers 413 whatever the handler did.
 */
function cappedBody(req: IncomingMessage, onOverflow: () => void): ReadableStream<Uint8Array> {
  const iterator = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) return controller.close();
      size += value.length;
      if (size > MAX_BODY_BYTES) {
        onOverflow();
        controller.error(new AppError('payload_too_large', 'the request body is larger than 1 MiB'));
        return;
      }
      controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.length));
    },
    cancel() {
      req.pause();
    },
  });
}

function toRequest(url: URL, req: IncomingMessage, signal: AbortSignal, onOverflow: () => void): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal };
  if (hasBody) Object.assign(init, { body: cappedBody(req, onOverflow), duplex: 'half' });
  return new Request(url, init);
}

/** Writes the response as it comes (server-sent events, NDJSON), flushing compression per chunk. */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => name !== 'set-cookie' && res.setHeader(name, value));
  // Next.js marks every App Router answer as varying with its router headers; so does this path,
  // so that a cache between client and server treats both alike (compression appends Accept-Encoding).
  const vary = response.headers.get('vary');
  res.setHeader('vary', vary ? `${NEXT_APP_VARY}, ${vary}` : NEXT_APP_VARY);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  const flush = () => (res as ServerResponse & { flush?: () => void }).flush?.();
  // One drain / close listener for the whole response, waking whichever write waits: a listener
  // per full buffer piled up on a long stream (an export waits thousands of times), and the
  // compression wrapper moves `drain` listeners onto its gzip stream, where `once` never removes them.
  let wake: (() => void) | null = null;
  const onDrain = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  res.on('drain', onDrain);
  res.once('close', onDrain);
  try {
    for (;;) {
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value) && !res.destroyed) await new Promise<void>((resolve) => (wake = resolve));
      flush();
    }
    res.end();
  } catch (error) {
    // The handler's stream failed after the status was sent: all that is left is to cut it short.
    console.error('[baseplate] a streamed response failed:', error);
    res.destroy();
  }
}

async function dispatch(found: DirectMatch, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const queue: Array<() => unknown> = [];
  const aborter = new AbortController();
  let overflow = false;
  const closed = new Promise<void>((resolve) =>
    res.once('close', () => {
      if (!res.writableFinished) aborter.abort(new Error('the client went away'));
      resolve();
    }),
  );
  let response: Response;
  try {
    const request = toRequest(url, req, aborter.signal, () => (overflow = true));
    response = await withAfterQueue(queue, () => found.handler(request, { params: Promise.resolve(found.params) }));
  } catch (error) {
    response = toErrorResponse(error, requestIdFor(req.headers['x-request-id'] as string | undefined));
  }
  if (overflow) {
    // The rest of the body stays unread: the connection cannot carry another request.
    await response.body?.cancel().catch(() => {});
    response = toErrorResponse(new AppError('payload_too_large', 'the request body is larger than 1 MiB'), 'direct-api');
  }
  // A body left unread (cut off, or refused before reading) is never drained: close after answering.
  if (!req.complete && req.method !== 'GET' && req.method !== 'HEAD') res.setHeader('connection', 'close');
  if (!res.destroyed) await writeResponse(response, res);
  else await response.body?.cancel().catch(() => {});
  const reqId = requestIdFor(req.headers['x-request-id'] as string | undefined);
  // after(): once the response is done, whether it finished or the client went away first.
  await closed;
  for (const task of queue) {
    await Promise.resolve()
      .then(task)
      .catch((error: unknown) => log().error({ err: error, reqId }, 'after-response task failed'));
  }
}
