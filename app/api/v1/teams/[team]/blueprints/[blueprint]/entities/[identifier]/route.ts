import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { ifMatchVersions } from '@/lib/http/etag';
import { getDb } from '@/lib/db/prisma';
import { deleteEntity, previewDeleteEntity } from '@/lib/entities/delete-entity';
import { identifierParam, includeParam } from '@/lib/entities/entity-params';
import type { VersionedEntity } from '@/lib/entities/entity-view';
import { getEntity } from '@/lib/entities/get-entity';
import { patchEntityBody, replaceEntityBody } from '@/lib/entities/schemas';
import { patchEntity, replaceEntity } from '@/lib/entities/update-entity';
import { allowOnlyParams, flagParam } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

const withEtag = ({ entity, etag }: VersionedEntity) => ({ body: entity, headers: { etag } });
const target = (params: Record<string, string>) => [blueprintParam(params.blueprint), identifierParam(params.identifier)] as const;

// GET /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier} - one entity, with its ETag (`?include=related` adds linked entities' titles)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['include']);
  return withEtag(await getEntity(getDb(), ctx, ...target(params), includeParam(url)));
});

// PUT /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier} - replace title, data and relations (If-Match honoured)
export const PUT = withTeam({ body: replaceEntityBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  return withEtag(await replaceEntity(getDb(), ctx, ...target(params), body, { ifMatch: ifMatchVersions(request) }));
});

// PATCH /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier} - RFC 7396 merge patch of title, data and relations (If-Match honoured)
export const PATCH = withTeam({ body: patchEntityBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  return withEtag(await patchEntity(getDb(), ctx, ...target(params), body, { ifMatch: ifMatchVersions(request) }));
});

// DELETE /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier} - delete the entity and its links (If-Match honoured; ?dry_run=true reports the links)
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, ['dry_run']);
  if (flagParam(url, 'dry_run')) return { body: await previewDeleteEntity(getDb(), ctx, ...target(params)) };
  await deleteEntity(getDb(), ctx, ...target(params), { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
