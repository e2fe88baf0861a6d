import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { includeParam } from '@/lib/entities/entity-params';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchBody } from '@/lib/search/search-body';
import { searchEntities } from '@/lib/search/search-entities';

// POST /api/v1/teams/{team}/blueprints/{bp}/entities/search - entities matching a rule-tree query, sorted, keyset-paged, with a capped total (`?include=related` adds linked entities' titles)
export const POST = withTeam({ body: searchBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, ['include']);
  const request = parseSearchBody(body);
  return { body: await searchEntities(getDb(), ctx, blueprintParam(params.blueprint), request, { withTotal: true, ...includeParam(url) }) };
});
