import { cache } from 'react';
import { mayCall } from '@/lib/authz/may-call';
import type { EntryPoint } from '@/lib/authz/service-permissions';
import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import { getDb } from '@/lib/db/prisma';
import { loadRelationDefs } from '@/lib/relations/relation-definitions.sql';
import { requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../load-team';

/**
 * What the integration pages need to render: the team, its blueprints with their property and
 * relation ids (the mapping editor offers them as names) and whether the person may edit. The
 * integrations themselves load in the browser through the API, whose services decide: the page is
 * the 403 page when `entry` would refuse.
 */
export const loadIntegrationPage = cache(async (slug: string, entry: EntryPoint = 'listIntegrations') => {
  const ctx = await requireEntryPointPage(slug, entry);
  const summaries = await unlessRefused(loadBlueprints(slug), []);
  const ids = summaries.map((b) => b.id);
  const [schemas, relations] = await Promise.all([
    loadBlueprintSchemas(getDb(), ctx.team.id, ids),
    loadRelationDefs(getDb(), ctx.team.id, ids),
  ]);
  const propertiesOf = (id: string) => {
    const properties = (schemas.get(id) as { properties?: object } | undefined)?.properties;
    return properties && typeof properties === 'object' ? Object.keys(properties) : [];
  };
  return {
    team: ctx.team.slug,
    blueprints: summaries.map(({ id, title }) => ({
      id,
      title,
      properties: propertiesOf(id),
      relations: relations.filter((r) => r.source === id).map((r) => r.id),
    })),
    canWrite: mayCall(ctx, 'createIntegration') && mayCall(ctx, 'updateIntegration'),
  };
});
