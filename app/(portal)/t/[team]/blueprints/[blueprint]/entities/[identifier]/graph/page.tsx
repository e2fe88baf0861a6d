import type { Metadata } from 'next';
import { EntityGraphView } from '@/components/entity-graph/entity-graph-view';
import { parseGraphView } from '@/components/entity-graph/graph-view';
import { EntityPageHeading } from '@/components/entity/entity-page-heading';
import { loadBlueprints } from '../../../../../load-team';
import { loadEntityPage, type EntityPageParams } from '../load-entity';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: EntityPageParams }): Promise<Metadata> {
  const { team, blueprint, identifier } = await params;
  const { entity } = await loadEntityPage(team, blueprint, identifier);
  const title = entity.title ?? entity.identifier;
  return { title: `Graph of ${title}` };
}

// The entity's dependency graph (drawn in the browser from the graph API).
export default async function EntityGraphPage({
  params,
  searchParams,
}: {
  params: EntityPageParams;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { team: slug, blueprint: rawBlueprint, identifier: rawIdentifier } = await params;
  const { ctx, blueprint, entity, version } = await loadEntityPage(slug, rawBlueprint, rawIdentifier);
  const blueprints = (await loadBlueprints(slug)).map(({ id, title, icon }) => ({ id, title, icon }));
  return (
    <>
      <EntityPageHeading ctx={ctx} blueprint={blueprint} entity={entity} version={version} current="graph" />
      <EntityGraphView
        team={ctx.team.slug}
        blueprint={blueprint.id}
        identifier={entity.identifier}
        initialView={parseGraphView(await searchParams)}
        blueprints={blueprints}
      />
    </>
  );
}
