'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { ActionTable, type BlueprintOption } from './action-table';
import { RunList } from './run-list';

// The team's actions page: the actions, filtered by the blueprint in the URL (`?blueprint=`), and
// the latest runs below them.
export function ActionsOverview({ team, blueprints, canWrite }: { team: string; blueprints: BlueprintOption[]; canWrite: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const blueprint = useSearchParams().get('blueprint');
  return (
    <div className="space-y-8">
      <ActionTable
        team={team}
        blueprints={blueprints}
        blueprint={blueprint}
        canWrite={canWrite}
        onBlueprint={(next) => router.replace(next ? `${pathname}?blueprint=${encodeURIComponent(next)}` : pathname)}
      />
      <section aria-labelledby="recent-runs-heading" className="space-y-3">
        <h2 id="recent-runs-heading" className="text-base font-semibold text-slate-900">
          Recent runs
        </h2>
        <RunList team={team} status="" limit={10} loadMore={false} />
      </section>
    </div>
  );
}
