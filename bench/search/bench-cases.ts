import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { listBlueprintEntities } from '@/lib/entities/list-blueprint-entities';
import { facetEntities, parseFacetRequest } from '@/lib/search/facet-entities';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchEntities } from '@/lib/search/search-entities';
import type { LoadRequest } from '../support/load';

// The query families the search issue sets goals for, each as the HTTP request a script would
// send and as the service call the route makes. `goalMs` is the p95 goal at the HTTP API on a
// 2-core machine at 1M entities.

export type BenchCase = {
  name: string;
  goalMs: number | null;
  request: LoadRequest;
  service: (db: Db, ctx: TeamContext) => Promise<unknown>;
};

const team = '/api/v1/teams/bench';

function search(name: string, goalMs: number | null, blueprint: string, body: Record<string, unknown>): BenchCase {
  return {
    name,
    goalMs,
    request: { method: 'POST', path: `${team}/blueprints/${blueprint}/entities/search`, body },
    service: (db, ctx) => searchEntities(db, ctx, blueprint, parseSearchBody(body), { withTotal: true }),
  };
}

function list(name: string, goalMs: number | null, blueprint: string, cursor: string | null): BenchCase {
  return {
    name,
    goalMs,
    request: {
      method: 'GET',
      path: `${team}/blueprints/${blueprint}/entities?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    },
    service: (db, ctx) => listBlueprintEntities(db, ctx, blueprint, { limit: 50, cursor }),
  };
}

/** The filtered list page whose throughput is compared with the bare server. */
export const FILTERED_PAGE = {
  query: {
    combinator: 'and',
    rules: [
      { property: 'lifecycle', operator: '=', value: 'production' },
      { property: 'tier', operator: '>=', value: 2 },
    ],
  },
  limit: 50,
};

export function benchCases(deepCursor: string): BenchCase[] {
  return [
    list('first page (100k-entity blueprint)', 10, 'component', null),
    list('deep keyset page (90% in)', 10, 'component', deepCursor),
    search('selective JSON filter (nested equality)', 25, 'component', {
      query: { combinator: 'and', rules: [{ property: 'metadata.cost_center', operator: '=', value: 'CC-4321' }] },
      limit: 50,
    }),
    {
      name: 'facets over a 30k-entity blueprint',
      goalMs: 15,
      request: { method: 'GET', path: `${team}/blueprints/service/facets?property=lifecycle` },
      service: (db, ctx) =>
        facetEntities(db, ctx, 'service', parseFacetRequest({ property: 'lifecycle', query: undefined, q: undefined, limit: undefined })),
    },
    search('substring search on titles', 40, 'component', {
      query: { combinator: 'and', rules: [{ property: '$title', operator: 'contains', value: 'ledger 12' }] },
      limit: 50,
    }),
    search('filtered list page (enum = and number >=)', null, 'component', FILTERED_PAGE),
    search('sorted by a data property (semver)', null, 'service', { ...FILTERED_PAGE, sort: [{ property: 'version', order: 'desc' }] }),
  ];
}
