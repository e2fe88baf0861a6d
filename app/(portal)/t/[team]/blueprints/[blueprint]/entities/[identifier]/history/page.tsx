import type { Metadata } from 'next';
import { EntityHeader } from '@/components/entity/entity-header';
import { EntityTabs } from '@/components/entity/entity-tabs';
import { HistoryPanel } from '@/components/entity/history-panel';
import { loadEntityPage, type EntityPageParams } from '../load-entity';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'History' };

// The entity's versions (read from the audit log by the history API, in the browser).
export default async function EntityHistoryPage({ params }: { params: EntityPageParams }) {
  const { team: slug, blueprint: rawBlueprint, identifier: rawIdentifier } = await params;
  const { ctx, blueprint, entity, version } = await loadEntityPage(slug, rawBlueprint, rawIdentifier, 'entity:read');
  const team = ctx.team.slug;
  return (
    <>
      <EntityHeader
        team={team}
        blueprint={blueprint}
        entity={{ identifier: entity.identifier, title: entity.title, version }}
        canWrite={ctx.permissions.has('entity:write')}
        canDelete={ctx.permissions.has('entity:delete')}
      />
      <EntityTabs team={team} blueprint={blueprint.id} identifier={entity.identifier} current="history" />
      <HistoryPanel team={team} blueprint={blueprint.id} identifier={entity.identifier} currentVersion={version} canWrite={ctx.permissions.has('entity:write')} />
    </>
  );
}
