import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BlueprintCard } from '@/components/catalog/blueprint-card';
import { RecentEntities } from '@/components/catalog/recent-entities';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { NewBlueprintLink } from '@/components/blueprint-editor/blueprint-links';
import { PageHeader } from '@/components/ui/page-header';
import { PanelSkeleton } from '@/components/team-home/home-panel';
import { getDb } from '@/lib/db/prisma';
import { listRecentEntities } from '@/lib/entities/list-recent-entities';
import { mayCall } from '@/lib/authz/may-call';
import { loadTeamContext, orRefusalPage, unlessRefused } from '@/lib/web/page-context';
import { MostConnectedPanel, RunsPanel, ScorecardsPanel, WritesPanel } from './home-panels';
import { loadBlueprints, loadTeam } from './load-team';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ team: string }> }): Promise<Metadata> {
  return { title: `Catalog · ${(await loadTeam((await params).team)).name}` };
}

// The team's home: every blueprint with its entity count (each card opens its catalog), then the
// state of things: writes per day, the most connected entities, scorecards and recent runs (the
// last two once the team has any), each panel streamed in behind its own skeleton.
export default async function CatalogPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const ctx = await loadTeamContext(slug);
  const [team, blueprints] = await Promise.all([loadTeam(slug), orRefusalPage(loadBlueprints(slug))]);
  const recent = await unlessRefused(listRecentEntities(getDb(), ctx), []);
  const total = blueprints.reduce((sum, b) => sum + b.entityCount, 0);
  return (
    <>
      <PageHeader
        title="Catalog"
        description={`${team.name} · ${blueprints.length} blueprint${blueprints.length === 1 ? '' : 's'} · ${formatCount(total)} entities`}
        aside={mayCall(ctx, 'createBlueprint') && <NewBlueprintLink team={team.slug} />}
      />
      {blueprints.length === 0 ? (
        <EmptyState icon="🧱" title="No blueprints yet">
          Blueprints describe the kinds of things your catalog holds: services, databases, clusters.
          {mayCall(ctx, 'createBlueprint') && ' Create the first with “New blueprint”.'}
        </EmptyState>
      ) : (
        <>
          <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Blueprints">
            {blueprints.map((b) => (
              <li key={b.id}>
                <BlueprintCard teamSlug={team.slug} blueprint={b} />
              </li>
            ))}
          </ul>
          {/* Two columns at laptop width, each a stack: the short panels do not leave holes in a row. */}
          <div className="mt-8 grid grid-cols-1 items-start gap-4 lg:grid-cols-2">
            <div className="flex flex-col gap-4">
              <Suspense fallback={<PanelSkeleton title="what changed" />}>
                <WritesPanel ctx={ctx} />
              </Suspense>
              <Suspense fallback={null}>
                <ScorecardsPanel ctx={ctx} />
              </Suspense>
            </div>
            <div className="flex flex-col gap-4">
              <Suspense fallback={<PanelSkeleton title="most connected entities" />}>
                <MostConnectedPanel ctx={ctx} />
              </Suspense>
              <Suspense fallback={null}>
                <RunsPanel ctx={ctx} />
              </Suspense>
            </div>
          </div>
        </>
      )}
      {recent.length > 0 && <RecentEntities teamSlug={team.slug} entities={recent} blueprints={blueprints} />}
    </>
  );
}
