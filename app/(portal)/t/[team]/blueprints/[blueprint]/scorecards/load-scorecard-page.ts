import { cache } from 'react';
import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { mayCall } from '@/lib/authz/may-call';
import { getDb } from '@/lib/db/prisma';
import { orRefusalPage, requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../../../load-team';

/**
 * What the scorecard pages need to render: the blueprint (its schema and relations give the
 * fields that filters and rule conditions are built from) and the team's blueprints (what a
 * "Related to…" condition may name). The scorecards themselves load in the browser through the
 * API, whose services decide: the page is the 403 page when listScorecards would refuse.
 */
export const loadScorecardPage = cache(async (slug: string, rawBlueprint: string) => {
  const ctx = await requireEntryPointPage(slug, 'listScorecards');
  const blueprint = await orRefusalPage(getBlueprint(getDb(), ctx, blueprintParam(rawBlueprint)));
  const blueprints = (await unlessRefused(loadBlueprints(slug), [])).map(({ id, title, icon }) => ({ id, title, icon }));
  const targets = [...new Set(Object.values(blueprint.relations).map((r) => r.target))];
  const targetSchemas = await loadBlueprintSchemas(getDb(), ctx.team.id, targets);
  const relations = Object.entries(blueprint.relations).map(([id, r]) => ({
    id,
    title: r.title,
    targetSchema: targetSchemas.get(r.target) ?? null,
  }));
  return {
    ctx,
    team: ctx.team.slug,
    blueprint: { id: blueprint.id, title: blueprint.title, icon: blueprint.icon, schema: blueprint.schema },
    relations,
    blueprints,
    // Shown or hidden links and a read-only editor; the scorecard service decides every write.
    canWrite: mayCall(ctx, 'createScorecard') && mayCall(ctx, 'updateScorecard'),
  };
});
