import { cache } from 'react';
import type { EntryPoint } from '@/lib/authz/service-permissions';
import type { TeamContext } from '@/lib/authz/team-context';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { identifierParam } from '@/lib/entities/entity-params';
import { getEntity } from '@/lib/entities/get-entity';
import { orRefusalPage, requireEntryPointPage } from '@/lib/web/page-context';

export type EntityPageParams = Promise<{ team: string; blueprint: string; identifier: string }>;

/**
 * What an entity's pages show: the blueprint (its schema renders the entity) and the entity,
 * through the same services as the API, which decide: a refusal is the 403 page. `entry` is the
 * entry point the page's form saves through, if it has one (the edit page: replaceEntity). The
 * identifier arrives percent-encoded or not depending on the router, and identifierParam reads
 * both; anything that cannot exist is a 404.
 */
export const loadEntityPage = cache(async (slug: string, rawBlueprint: string, rawIdentifier: string, entry: EntryPoint = 'getEntity') => {
  const ctx = await requireEntryPointPage(slug, entry);
  return orRefusalPage(loadEntity(ctx, rawBlueprint, rawIdentifier));
});

async function loadEntity(ctx: TeamContext, rawBlueprint: string, rawIdentifier: string) {
  const blueprintId = blueprintParam(rawBlueprint);
  const identifier = identifierParam(rawIdentifier);
  const db = getDb();
  const [blueprint, { entity, etag }] = await Promise.all([
    getBlueprint(db, ctx, blueprintId),
    getEntity(db, ctx, blueprintId, identifier, { includeRelated: true }),
  ]);
  return { ctx, blueprint, entity, version: Number(etag.replace(/"/g, '')) };
}
