import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { EditBlueprintLink } from '@/components/blueprint-editor/blueprint-links';
import { CatalogTable } from '@/components/catalog/catalog-table';
import { ActionsLink } from '@/components/actions/actions-link';
import { CreateActionButtons } from '@/components/actions/create-action-buttons';
import { NewEntityLink } from '@/components/entity/new-entity-link';
import { ScorecardsLink } from '@/components/scorecards/scorecards-link';
import { formatCount } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/settings-page';
import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { mayCall } from '@/lib/authz/may-call';
import { actingUserId } from '@/lib/auth/actor';
import { listActions } from '@/lib/actions/action-service';
import type { TeamContext } from '@/lib/authz/team-context';
import { listScorecardFields } from '@/lib/scorecards/list-scorecard-fields';
import { listSavedViews } from '@/lib/saved-views/saved-view-service';
import { orRefusalPage, requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../../load-team';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ team: string; blueprint: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team, blueprint } = await params;
  const found = (await unlessRefused(loadBlueprints(team), [])).find((b) => b.id === blueprint);
  return { title: found?.title ?? 'Not found' };
}

// A blueprint's entities: the catalog table (search, filters, facets, columns, keyset pages), its
// whole view in the URL. The table loads in the browser through the search route (searchEntities:
// entity:read), and its columns come from the schema, which getBlueprint shows only with
// blueprint:read: the page needs what both services allow, as the API does. The scorecards'
// levels and rules (columns, filters) only for a viewer who may read them (scorecard:read).
/**
 * Whether the catalog's rows get a "Run an action" menu: the caller may ask for runs, and the
 * blueprint has an enabled day-2 or delete action (at most 100 per blueprint: one small read).
 * Which actions a row offers is the offered-actions route's answer when its menu opens.
 */
async function hasEntityActions(ctx: TeamContext, blueprintId: string): Promise<boolean> {
  if (!mayCall(ctx, 'listActions') || !mayCall(ctx, 'listActionsOffered') || !mayCall(ctx, 'requestRun')) return false;
  const { actions } = await listActions(getDb(), ctx, { blueprint: blueprintId }, { limit: 100, cursor: null });
  return actions.some((a) => a.enabled && a.trigger !== 'create');
}

export default async function BlueprintEntitiesPage({ params }: Props) {
  const { team: slug, blueprint: blueprintId } = await params;
  const ctx = await requireEntryPointPage(slug, 'searchEntities');
  const { team } = ctx;
  const blueprints = await orRefusalPage(loadBlueprints(slug));
  const summary = blueprints.find((b) => b.id === blueprintId);
  if (!summary) notFound();
  const blueprint = await orRefusalPage(getBlueprint(getDb(), ctx, blueprintId));
  const targetSchemas = await loadBlueprintSchemas(getDb(), team.id, [...new Set(Object.values(blueprint.relations).map((r) => r.target))]);
  const relations = Object.entries(blueprint.relations).map(([id, r]) => ({
    id,
    title: r.title,
    targetSchema: targetSchemas.get(r.target) ?? null,
  }));
  const scorecards = mayCall(ctx, 'listScorecardFields') ? await listScorecardFields(getDb(), ctx, blueprintId) : [];
  // Rendered with the views, so `?view=` and the team default open on the first render.
  const { views } = await listSavedViews(getDb(), ctx, blueprintId);
  const rowActions = await hasEntityActions(ctx, blueprintId);
  return (
    <>
      <PageHeader
        title={summary.title}
        icon={summary.icon}
        description={
          <>
            {summary.description && (
              <>
                <span data-testid="blueprint-description">{summary.description}</span> <span className="mx-1 text-slate-400">·</span>{' '}
              </>
            )}
            <span data-testid="blueprint-count">
              {formatCount(summary.entityCount)} {summary.entityCount === 1 ? 'entity' : 'entities'}
            </span>
          </>
        }
        aside={
          <div className="flex gap-2">
            {mayCall(ctx, 'listActions') && <ActionsLink team={team.slug} blueprint={blueprintId} />}
            {mayCall(ctx, 'listScorecards') && <ScorecardsLink team={team.slug} blueprint={blueprintId} />}
            {mayCall(ctx, 'updateBlueprint') && <EditBlueprintLink team={team.slug} blueprint={blueprintId} />}
            {mayCall(ctx, 'listActionsOffered') && mayCall(ctx, 'requestRun') && (
              <CreateActionButtons team={team.slug} blueprint={blueprintId} />
            )}
            {mayCall(ctx, 'createEntity') && <NewEntityLink team={team.slug} blueprint={blueprintId} />}
          </div>
        }
      />
      <Suspense fallback={<TableSkeleton rows={8} />}>
        <CatalogTable
          team={team.slug}
          blueprint={blueprintId}
          blueprintTitle={summary.title}
          icon={summary.icon}
          schema={blueprint.schema}
          relations={relations}
          blueprints={blueprints.map(({ id, title, icon }) => ({ id, title, icon }))}
          scorecards={scorecards}
          canShare={ctx.permissions.has('entity:write')}
          userId={actingUserId(ctx.actor)}
          savedViews={views}
          rowActions={rowActions}
          canBulkEdit={mayCall(ctx, 'bulkPatchEntities')}
          canBulkDelete={mayCall(ctx, 'bulkDeleteEntities')}
          bulkRelations={Object.entries(blueprint.relations).map(([id, r]) => {
            const target = blueprints.find((b) => b.id === r.target);
            return {
              id,
              title: r.title ?? id,
              target: r.target,
              targetTitle: target?.title ?? r.target,
              many: r.type === 'one-to-many' || r.type === 'many-to-many',
            };
          })}
        />
      </Suspense>
    </>
  );
}
