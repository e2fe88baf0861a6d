import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { flagParam } from '@/lib/http/query-params';
import { getDb } from '@/lib/db/prisma';
import { createEntity } from '@/lib/entities/create-entity';
import { includeParam } from '@/lib/entities/entity-params';
import { listBlueprintEntities } from '@/lib/entities/list-blueprint-entities';
import { createEntityBody } from '@/lib/entities/schemas';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { parseQ } from '@/lib/search/parse-search-body';
import { parseListSort } from '@/lib/search/parse-list-sort';

// GET /api/v1/teams/{team}/blueprints/{bp}/entities - one page of the blueprint's entities (`sort`, default newest first; `q` substring search; `include=related` adds linked entities' titles)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['limit', 'cursor', 'sort', 'q', 'include']);
  const options = { sort: parseListSort(url.searchParams.get('sort')), q: parseQ(url.searchParams.get('q')), ...includeParam(url) };
  return { body: await listBlueprintEntities(getDb(), ctx, blueprintParam(params.blueprint), parsePageParams(url), options) };
});

// POST /api/v1/teams/{team}/blueprints/{bp}/entities - create an entity (?upsert=true replaces an existing one, ?validate_only=true writes nothing)
export const POST = withTeam({ body: createEntityBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, ['upsert', 'validate_only']);
  const options = { upsert: flagParam(url, 'upsert'), validateOnly: flagParam(url, 'validate_only') };
  const result = await createEntity(getDb(), ctx, blueprintParam(params.blueprint), body, options);
  if (!('entity' in result)) return { body: result };
  return { status: result.created ? 201 : 200, body: result.entity, headers: { etag: result.etag } };
});
