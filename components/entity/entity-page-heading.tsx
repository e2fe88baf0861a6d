import { RunActionMenu } from '@/components/actions/run-action-menu';
import { EntityScorecardBadges } from '@/components/scorecards/entity-scorecard-badges';
import { mayCall } from '@/lib/authz/may-call';
import type { TeamContext } from '@/lib/authz/team-context';
import { EntityHeader } from './entity-header';
import { EntityTabs, type EntityTab } from './entity-tabs';

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
  entity: { id: string; identifier: string; title: string | null };
  version: number;
  current: EntityTab;
}) {
  const team = ctx.team.slug;
  // Only whether to show the badges and the tab; the scorecard routes decide what they answer.
  const scorecards = mayCall(ctx, 'listScorecards');
  return (
    <>
      <EntityHeader
        team={team}
        blueprint={blueprint}
        entity={{ id: entity.id, identifier: entity.identifier, title: entity.title, version }}
        canWrite={mayCall(ctx, 'patchEntity')}
        canDelete={mayCall(ctx, 'deleteEntity')}
        run={
          // Only whether to ask; the offered-actions route decides which the caller may run, and where.
          mayCall(ctx, 'listActionsOffered') &&
          mayCall(ctx, 'requestRun') && (
            <RunActionMenu team={team} blueprint={blueprint.id} entity={{ identifier: entity.identifier, title: entity.title }} />
          )
        }
        badges={
          scorecards && <EntityScorecardBadges team={team} blueprint={blueprint.id} identifier={entity.identifier} version={version} />
        }
      />
      <EntityTabs team={team} blueprint={blueprint.id} identifier={entity.identifier} current={current} scorecards={scorecards} />
    </>
  );
}
