import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The one table of the API's routes: every route.ts under app/api, with the URL segments it
// answers and the HTTP methods it exports, read once per process. The direct dispatcher
// (lib/cli/direct-api.ts) serves from it and the OpenAPI coverage test (lib/openapi) checks the
// document against it, so the two can never disagree on what a route is (Next.js's own rules:
// `_private` folders are not routes, `(group)` folders add no segment, static beats dynamic).

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ApiRoute = {
  /** The route file, relative to app/api (`v1/teams/[team]/route.ts`). */
  file: string;
  /** The URL's segments: `['api', 'v1', 'teams', '[team]']`. */
  segments: string[];
  /** `[...x]` or `[[...x]]` somewhere: left to Next.js, never documented. */
  catchAll: boolean;
  methods: HttpMethod[];
  /** Methods exported as `withPublic(...)`: they read no session, so any caller may take the direct path. */
  publicMethods: HttpMethod[];
};

/** The HTTP methods a route file exports: `export const GET =`, `export (async) function GET`, `export { GET }`, `export const { GET } =`. */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) found.add(name);
    }
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

/** The methods a route file exports as `export const M = withPublic(` (register, login, webhook ingestion). */
export function publicMethods(source: string): HttpMethod[] {
  const found = new Set([...source.matchAll(/export\s+const\s+([A-Z]+)\s*=\s*withPublic\s*[(<]/g)].map((m) => m[1]));
  return HTTP_METHODS.filter((method) => found.has(method));
}

export const isDynamicSegment = (segment: string) => segment.startsWith('[') && segment.endsWith(']');
const isGroup = (segment: string) => segment.startsWith('(') && segment.endsWith(')');

/**
 * Static segments win over dynamic ones at the first place two routes differ (as in Next.js): the
 * routes are ordered by their segments' dynamic flags, compared left to right (a total order, which
 * Array.sort needs; comparing only at the first difference is not transitive and misorders).
 */
function bySpecificity(a: ApiRoute, b: ApiRoute): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const d = Number(isDynamicSegment(a.segments[i])) - Number(isDynamicSegment(b.segments[i]));
    if (d !== 0) return d;
  }
  if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

const methodsOf = (source: string) => ({ methods: exportedMethods(source), publicMethods: publicMethods(source) });

/** Reads app/api under `appDir` (no cache: see apiRouteTable). */
export function scanApiRoutes(appDir: string): ApiRoute[] {
  const apiDir = path.join(appDir, 'api');
  const files = readdirSync(apiDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[\\/])route\.(ts|tsx|js)$/.test(f))
    .filter((f) => !f.split(/[\\/]/).some((s) => s.startsWith('_')));
  return files
    .map((file) => {
      const folders = path
        .dirname(file)
        .split(/[\\/]/)
        .filter((s) => s !== '.');
      return {
        file: folders.concat(path.basename(file)).join('/'),
        segments: ['api', ...folders.filter((s) => !isGroup(s))],
        catchAll: folders.some((s) => s.startsWith('[...') || s.startsWith('[[...')),
        ...methodsOf(readFileSync(path.join(apiDir, file), 'utf8')),
      };
    })
    .sort(bySpecificity);
}

const tables = new Map<string, ApiRoute[]>();

/** The route table of the app in `appDir`, computed once per process. */
export function apiRouteTable(appDir: string): readonly ApiRoute[] {
  const key = path.resolve(appDir);
  let table = tables.get(key);
  if (!table) tables.set(key, (table = scanApiRoutes(key)));
  return table;
}

export type RouteMatch = { route: ApiRoute; params: Record<string, string> };

/**
 * The route a path names, with its decoded parameters, or null (an unknown path, an empty segment
 * such as a trailing slash, an undecodable escape). Params are a null-prototype object: a segment
 * named `__proto__` is a value like any other.
 */
export function matchApiRoute(table: readonly ApiRoute[], pathname: string): RouteMatch | null {
  const parts = pathname.split('/').slice(1);
  if (parts.some((p) => p === '')) return null;
  let decoded: string[];
  try {
    decoded = parts.map(decodeURIComponent);
  } catch {
    return null;
  }
  for (const route of table) {
    if (route.catchAll || route.segments.length !== decoded.length) continue;
    const params: Record<string, string> = Object.create(null);
    const fits = route.segments.every((s, i) => (isDynamicSegment(s) ? ((params[s.slice(1, -1)] = decoded[i]), true) : s === decoded[i]));
    if (fits) return { route, params };
  }
  return null;
}
