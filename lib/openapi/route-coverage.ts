import { HTTP_METHODS, type ApiRoute, type HttpMethod } from '@/lib/http/api-route-table';

// Which (path, method) pairs the routes under app/api/v1 serve (from the one route table), and how
// they compare with
// the OpenAPI document: a route nobody documented, or a documented one that no file serves.

export { exportedMethods, HTTP_METHODS, type HttpMethod } from '@/lib/http/api-route-table';

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
  invitationId: 'invitation_id',
  sessionId: 'session_id',
  blueprint: 'blueprint_id',
  identifier: 'identifier',
  scorecard: 'scorecard_id',
  view: 'view_id',
  action: 'action_id',
  automation: 'automation_id',
  run: 'run_id',
  integration: 'integration_id',
  mapping: 'mapping_id',
  group: 'group',
};

/** `/api/v1` + the folders of a route file, with `[x]` as `{name}` and route groups `(x)` dropped. */
export function routePath(segments: string[], base = '/api/v1'): string {
  const parts = segments
    .filter((s) => !(s.startsWith('(') && s.endsWith(')')))
    .map((s) => {
      const dynamic = /^\[(.+)\]$/.exec(s);
      if (!dynamic) return s;
      const name = PATH_PARAM_NAMES[dynamic[1]];
      if (!name)
        throw new Error(`no OpenAPI name for the route folder "${s}": add it to PATH_PARAM_NAMES in lib/openapi/route-coverage.ts`);
      return `{${name}}`;
    });
  return [base, ...parts].join('/');
}

/** The routes of the one route table (lib/http/api-route-table.ts) the document must describe: app/api/v1, catch-alls excepted. */
export function servedRoutes(table: readonly ApiRoute[]): RouteDescriptor[] {
  return table
    .filter((r) => r.segments[1] === 'v1' && !r.catchAll)
    .map((r) => ({ path: routePath(r.segments.slice(2)), methods: r.methods }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
