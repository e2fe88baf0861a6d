import type { Metadata } from 'next';
import { EntityPageHeading } from '@/components/entity/entity-page-heading';
import { EntityScorecardsPanel } from '@/components/scorecards/entity-scorecards-panel';
import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import { getDb } from '@/lib/db/prisma';
import { loadEntityPage, type EntityPageParams } from '../load-entity';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: EntityPageParams }): Promise<Metadata> {
  const { team, blueprint, identifier } = await params;
  const { entity } = await loadEntityPage(team, blueprint, identifier);
  const title = entity.title ?? entity.identifier;
  return { title: `Scorecards of ${title}` };
}

// The entity's scorecards: level, rule checklist and level history (loaded through the API).
export default async function EntityScorecardsPage({ params }: { params: EntityPageParams }) {
  const { team: slug, blueprint: rawBlueprint, identifier: rawIdentifier } = await params;
  const { ctx, blueprint, entity, version } = await loadEntityPage(slug, rawBlueprint, rawIdentifier);
  // The targets' schemas name the fields one hop away in the rules' descriptions ("Runs on › Region is eu").
  const targetSchemas = await loadBlueprintSchemas(getDb(), ctx.team.id, [
    ...new Set(Object.values(blueprint.relations).map((r) => r.target)),
  ]);
  const relations = Object.entries(blueprint.relations).map(([id, r]) => ({
    id,
    title: r.title,
    targetSchema: targetSchemas.get(r.target) ?? null,
  }));
  return (
    <>
      <EntityPageHeading ctx={ctx} blueprint={blueprint} entity={entity} version={version} current="scorecards" />
      <EntityScorecardsPanel
        team={ctx.team.slug}
        blueprint={blueprint.id}
        identifier={entity.identifier}
        version={version}
        schema={blueprint.schema}
        relations={relations}
      />
    </>
  );
}
