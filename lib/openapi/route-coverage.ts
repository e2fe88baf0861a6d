import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Which (path, method) pairs the route files under app/api/v1 serve, and how they compare with
// the OpenAPI document: a route nobody documented, or a documented one that no file serves.

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteDescriptor = { path: string; methods: HttpMethod[] };

/**
 * The one mapping from a dynamic folder (`[userId]`) to its OpenAPI path parameter (`{user_id}`).
 * A folder not listed here fails the coverage test with a message that says to add it.
 */
export const PATH_PARAM_NAMES: Record<string, string> = {
  team: 'team',
  userId: 'user_id',
  roleId: 'role_id',
  keyId: 'key_id',
  tokenId: 'token_id',
  blueprint: 'blueprint_id',
  identifier: 'identifier',
};

/** `/api/v1` + the folders of a route file, with `[x]` as `{name}` and route groups `(x)` dropped. */
export function routePath(segments: string[], base = '/api/v1'): string {
  const parts = segments
    .filter((s) => !(s.startsWith('(') && s.endsWith(')')))
    .map((s) => {
      const dynamic = /^\[(.+)\]$/.exec(s);
      if (!dynamic) return s;
      const name = PATH_PARAM_NAMES[dynamic[1]];
      if (!name) throw new Error(`no OpenAPI name for the route folder "${s}": add it to PATH_PARAM_NAMES in lib/openapi/route-coverage.ts`);
      return `{${name}}`;
    });
  return [base, ...parts].join('/');
}

/** The HTTP methods a route file exports: `export const GET =`, `export (async) function GET`, `export { GET }`, `export const { GET } =`. */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.add(name);
    }
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

/** Every route.ts under `dir` (app/api/v1), as path + methods. Private folders (`_x`) are not routes. */
export function listRouteFiles(dir: string): RouteDescriptor[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[\\/])route\.(ts|tsx|js)$/.test(f))
    .filter((f) => !f.split(/[\\/]/).some((s) => s.startsWith('_')));
  return files.sort().map((file) => ({
    path: routePath(path.dirname(file).split(/[\\/]/).filter((s) => s !== '.')),
    methods: exportedMethods(readFileSync(path.join(dir, file), 'utf8')),
  }));
}

/** The (path, method) pairs an OpenAPI document describes. */
export function documentedRoutes(document: { paths?: Record<string, Record<string, unknown>> }): RouteDescriptor[] {
  return Object.entries(document.paths ?? {}).map(([p, item]) => ({
    path: p,
    methods: HTTP_METHODS.filter((m) => Object.hasOwn(item, m.toLowerCase())),
  }));
}

const pairs = (routes: RouteDescriptor[]) => new Set(routes.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)));

/** What the files serve that the document lacks (`undocumented`), and the reverse (`unserved`). */
export function compareCoverage(served: RouteDescriptor[], documented: RouteDescriptor[]): { undocumented: string[]; unserved: string[] } {
  const s = pairs(served);
  const d = pairs(documented);
  return { undocumented: [...s].filter((x) => !d.has(x)).sort(), unserved: [...d].filter((x) => !s.has(x)).sort() };
}
