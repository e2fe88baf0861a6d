import { mayCall } from '@/lib/authz/may-call';
import type { TeamContext } from '@/lib/authz/team-context';
import { EntityHeader } from './entity-header';
import { EntityTabs } from './entity-tabs';

// The top of every entity page: title, identifier, the actions the caller may take, and the tabs.
export function EntityPageHeading({
  ctx,
  blueprint,
  entity,
  version,
  current,
}: {
  ctx: TeamContext;
  blueprint: { id: string; title: string; icon: string | null };
  entity: { identifier: string; title: string | null };
  version: number;
  current: 'overview' | 'graph' | 'history';
}) {
  const team = ctx.team.slug;
  return (
    <>
      <EntityHeader
        team={team}
        blueprint={blueprint}
        entity={{ identifier: entity.identifier, title: entity.title, version }}
        canWrite={mayCall(ctx, 'patchEntity')}
        canDelete={mayCall(ctx, 'deleteEntity')}
      />
      <EntityTabs team={team} blueprint={blueprint.id} identifier={entity.identifier} current={current} />
    </>
  );
}
