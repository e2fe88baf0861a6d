import type { LoadRequest } from '../support/load';

// The query families the search issue sets goals for, each as the HTTP request a script would
// send. `goalMs` is the p95 goal at the HTTP API on a 2-core machine at 1M entities.

export type BenchCase = { name: string; goalMs: number | null; request: LoadRequest };

const team = '/api/v1/teams/bench';

const search = (blueprint: string, body: object): LoadRequest => ({ method: 'POST', path: `${team}/blueprints/${blueprint}/entities/search`, body });

/** The filtered list page whose throughput is compared with the bare server. */
export const FILTERED_PAGE = {
  query: { combinator: 'and', rules: [{ property: 'lifecycle', operator: '=', value: 'production' }, { property: 'tier', operator: '>=', value: 2 }] },
  limit: 50,
};

export function benchCases(deepCursor: string): BenchCase[] {
  return [
    { name: 'first page (100k-entity blueprint)', goalMs: 10, request: { method: 'GET', path: `${team}/blueprints/component/entities?limit=50` } },
    { name: 'deep keyset page (90% in)', goalMs: 10, request: { method: 'GET', path: `${team}/blueprints/component/entities?limit=50&cursor=${encodeURIComponent(deepCursor)}` } },
    {
      name: 'selective JSON filter (nested equality)',
      goalMs: 25,
      request: search('component', { query: { combinator: 'and', rules: [{ property: 'metadata.cost_center', operator: '=', value: 'CC-4321' }] }, limit: 50 }),
    },
    { name: 'facets over a 30k-entity blueprint', goalMs: 15, request: { method: 'GET', path: `${team}/blueprints/service/facets?property=lifecycle` } },
    {
      name: 'substring search on titles',
      goalMs: 40,
      request: search('component', { query: { combinator: 'and', rules: [{ property: '$title', operator: 'contains', value: 'ledger 12' }] }, limit: 50 }),
    },
    { name: 'filtered list page (enum = and number >=)', goalMs: null, request: search('component', FILTERED_PAGE) },
    { name: 'sorted by a data property (semver)', goalMs: null, request: search('component', { ...FILTERED_PAGE, sort: [{ property: 'version', order: 'desc' }] }) },
  ];
}
