import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { facetEntities, parseFacetRequest } from '@/lib/search/facet-entities';
import { parseJsonParam } from '@/lib/search/parse-json-param';
import { searchBody } from '@/lib/search/search-body';
import { searchError } from '@/lib/search/search-limits';

// GET /api/v1/teams/{team}/blueprints/{bp}/facets?property=status&query=<JSON> - value counts of one property under a query
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['property', 'query', 'q', 'limit']);
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  const request = parseFacetRequest({
    property: get('property'),
    query: parseJsonParam(get('query'), 'query'),
    q: get('q'),
    limit: get('limit'),
  });
  return { body: await facetEntities(getDb(), ctx, blueprintParam(params.blueprint), request) };
});

// POST /api/v1/teams/{team}/blueprints/{bp}/facets - the same with {property, query, q, limit} as a JSON body (for queries too long for a URL)
export const POST = withTeam({ body: searchBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const allowed = ['property', 'query', 'q', 'limit'];
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown) throw searchError('body', `unknown field "${unknown.slice(0, 50)}" (allowed: ${allowed.join(', ')})`);
  const request = parseFacetRequest({ property: body.property, query: body.query, q: body.q, limit: body.limit });
  return { body: await facetEntities(getDb(), ctx, blueprintParam(params.blueprint), request) };
});
