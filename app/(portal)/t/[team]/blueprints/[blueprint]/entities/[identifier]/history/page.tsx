import type { Metadata } from 'next';
import { EntityPageHeading } from '@/components/entity/entity-page-heading';
import { HistoryPanel } from '@/components/entity/history-panel';
import { mayCall } from '@/lib/authz/may-call';
import { loadEntityPage, type EntityPageParams } from '../load-entity';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: EntityPageParams }): Promise<Metadata> {
  const { team, blueprint, identifier } = await params;
  const { entity } = await loadEntityPage(team, blueprint, identifier);
  const title = entity.title ?? entity.identifier;
  return { title: `History of ${title}` };
}

// The entity's versions (read from the audit log by the history API, in the browser).
export default async function EntityHistoryPage({ params }: { params: EntityPageParams }) {
  const { team: slug, blueprint: rawBlueprint, identifier: rawIdentifier } = await params;
  const { ctx, blueprint, entity, version } = await loadEntityPage(slug, rawBlueprint, rawIdentifier);
  const team = ctx.team.slug;
  return (
    <>
      <EntityPageHeading ctx={ctx} blueprint={blueprint} entity={entity} version={version} current="history" />
      <HistoryPanel
        team={team}
        blueprint={blueprint.id}
        identifier={entity.identifier}
        currentVersion={version}
        canWrite={mayCall(ctx, 'restoreEntity')}
        schema={blueprint.schema}
        relationTitles={Object.fromEntries(Object.entries(blueprint.relations).map(([id, r]) => [id, r.title || id]))}
      />
    </>
  );
}
