import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withAfterQueue } from '@/lib/http/after-response';
import { toErrorResponse } from '@/lib/http/error-response';
import { MAX_BODY_BYTES } from '@/lib/http/request-body';
import { log } from '@/lib/observability/logger';
import { requestIdFor } from '@/lib/observability/request-id';

// The direct API dispatcher. Scripts and CI jobs call the REST API with an Authorization header;
// for those requests Baseplate's own server calls the App Router route handlers itself (the same
// app/api route modules, the same withTeam wrapper) instead of going through Next.js's request
// pipeline, whose routing, rendering setup and stream adapters cost several times the CPU of the
// handler on a small page (bench/results/search-*.md measures both ways). What the dispatcher
// cannot serve exactly as Next would, it leaves to Next: requests without credentials (sign-in,
// browser sessions, which need Next's cookies()), unknown paths, trailing slashes, undecodable
// segments and methods a route does not export. Off with BASEPLATE_DIRECT_API=false.

type Params = Record<string, string>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;
type Route = { segments: string[]; handlers: Map<string, Handler> };

export type DirectApi = {
  /** Serves the request and returns true, or returns false and leaves it to Next.js. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  routes: number;
};

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isDynamic = (segment: string) => segment.startsWith('[') && segment.endsWith(']');

/** Static segments win over dynamic ones at the first place two routes differ (as in Next.js). */
function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const d = Number(isDynamic(a.segments[i])) - Number(isDynamic(b.segments[i]));
    if (d !== 0) return d;
  }
  return 0;
}

export async function loadDirectApi(appDir: string): Promise<DirectApi> {
  const apiDir = path.join(appDir, 'api');
  const files = readdirSync(apiDir, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|[\\/])route\.ts$/.test(f));
  const routes: Route[] = [];
  for (const file of files) {
    const folders = path.dirname(file).split(/[\\/]/).filter((s) => s !== '.');
    if (folders.some((s) => s.startsWith('_') || s.startsWith('[...') || s.startsWith('[[...'))) continue;
    const mod = (await import(pathToFileURL(path.join(apiDir, file)).href)) as Record<string, unknown>;
    const handlers = new Map(METHODS.filter((m) => typeof mod[m] === 'function').map((m) => [m, mod[m] as Handler]));
    routes.push({ segments: ['api', ...folders.filter((s) => !(s.startsWith('(') && s.endsWith(')')))], handlers });
  }
  routes.sort(bySpecificity);

  function match(pathname: string): { route: Route; params: Params } | null {
    const parts = pathname.split('/').slice(1);
    if (parts.some((p) => p === '')) return null;
    let decoded: string[];
    try {
      decoded = parts.map(decodeURIComponent);
    } catch {
      return null;
    }
    for (const route of routes) {
      if (route.segments.length !== decoded.length) continue;
      const params: Params = {};
      const fits = route.segments.every((s, i) => (isDynamic(s) ? ((params[s.slice(1, -1)] = decoded[i]), true) : s === decoded[i]));
      if (fits) return { route, params };
    }
    return null;
  }

  return {
    routes: routes.length,
    serve(req, res) {
      if (!req.headers.authorization || !req.url?.startsWith('/api/')) return false;
      const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
      const found = match(url.pathname);
      const handler = found?.route.handlers.get(req.method ?? '');
      if (!found || !handler) return false;
      void dispatch(handler, found.params, url, req, res);
      return true;
    },
  };
}

/**
 * The request body, read to the end so the connection stays usable, but kept only up to one byte
 * past the largest body a route accepts: the route's own reader then answers its 413.
 */
async function readCapped(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (kept > MAX_BODY_BYTES) continue;
    chunks.push(chunk);
    kept += chunk.length;
  }
  return Buffer.concat(chunks);
}

async function dispatch(handler: Handler, params: Params, url: URL, req: IncomingMessage, res: ServerResponse) {
  const queue: Array<() => unknown> = [];
  let response: Response;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(url, { method: req.method, headers, body: hasBody ? new Uint8Array(await readCapped(req)) : undefined });
    response = await withAfterQueue(queue, () => handler(request, { params: Promise.resolve(params) }));
  } catch (error) {
    response = toErrorResponse(error, requestIdFor(req.headers['x-request-id'] as string | undefined));
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => name !== 'set-cookie' && res.setHeader(name, value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.on('finish', () => {
    const reqId = requestIdFor(req.headers['x-request-id'] as string | undefined);
    const failed = (error: unknown) => log().error({ err: error, reqId }, 'after-response task failed');
    for (const task of queue) Promise.resolve().then(task).catch(failed);
  });
  res.end(body);
}
