import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { identifierParam } from '@/lib/entities/entity-params';
import { restoreEntity } from '@/lib/entities/restore-entity';
import { restoreEntityBody } from '@/lib/entities/schemas';
import { ifMatchVersions } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// POST /api/v1/teams/{team}/blueprints/{bp}/entities/{identifier}/restore - an old version's title and data as a new version (If-Match honoured); with entity_id, a deleted entity back
export const POST = withTeam({ body: restoreEntityBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const { entity, etag } = await restoreEntity(
    getDb(),
    ctx,
    blueprintParam(params.blueprint),
    identifierParam(params.identifier),
    body.version,
    { ifMatch: ifMatchVersions(request), entityId: body.entity_id?.toLowerCase() },
  );
  return { body: entity, headers: { etag } };
});
