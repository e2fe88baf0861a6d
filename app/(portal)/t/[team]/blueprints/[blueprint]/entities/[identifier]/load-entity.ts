import { notFound } from 'next/navigation';
import { cache } from 'react';
import type { Permission } from '@/lib/authz/permissions';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { identifierParam } from '@/lib/entities/entity-params';
import { getEntity } from '@/lib/entities/get-entity';
import { AppError } from '@/lib/errors';
import { requireTeamPermission } from '@/lib/web/page-context';

export type EntityPageParams = Promise<{ team: string; blueprint: string; identifier: string }>;

/**
 * What an entity's pages show: the caller's context (403 without `permission`), the blueprint and
 * the entity, through the same services as the API. The identifier arrives percent-encoded or not
 * depending on the router, and identifierParam reads both; anything that cannot exist is a 404.
 */
export const loadEntityPage = cache(async (slug: string, rawBlueprint: string, rawIdentifier: string, permission: Permission) => {
  const ctx = await requireTeamPermission(slug, permission);
  try {
    const blueprintId = blueprintParam(rawBlueprint);
    const identifier = identifierParam(rawIdentifier);
    const db = getDb();
    const [blueprint, { entity, etag }] = await Promise.all([getBlueprint(db, ctx, blueprintId), getEntity(db, ctx, blueprintId, identifier, { includeRelated: true })]);
    return { ctx, blueprint, entity, version: Number(etag.replace(/"/g, '')) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});
