'use client';

import { RUN_STATUSES, type RunStatus } from '@/lib/actions/action-types';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { RUN_STATUS_LABELS } from './run-status';
import { RunTable } from './run-table';
import { useRuns } from './use-action-data';

// The team's runs, newest first, filtered by status, a page at a time ("Load more" follows the
// keyset cursor). `filters` narrows them further (an action, an entity).

export function RunList({
  team,
  status,
  onStatus,
  filters = {},
  limit = 25,
  loadMore = true,
  blueprint,
}: {
  team: string;
  status: RunStatus | '';
  onStatus?: (status: RunStatus | '') => void;
  filters?: Record<string, string>;
  limit?: number;
  loadMore?: boolean;
  /** Only the runs of this blueprint's actions (`?blueprint=` of the runs route). */
  blueprint?: string;
}) {
  const query = useRuns(team, { ...filters, ...(blueprint ? { blueprint } : {}), ...(status ? { status } : {}) }, limit);
  const runs = query.data?.pages.flatMap((p) => p.runs) ?? [];
  return (
    <div className="space-y-3">
      {onStatus && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Status
          <select
            value={status}
            onChange={(e) => onStatus(e.target.value as RunStatus | '')}
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
          >
            <option value="">Any</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {RUN_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      )}
      {query.isPending ? (
        <TableSkeleton rows={3} />
      ) : query.isError ? (
        <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />
      ) : runs.length === 0 ? (
        <EmptyState icon="🏃" title={status ? `No ${RUN_STATUS_LABELS[status].toLowerCase()} runs` : 'No runs yet'}>
          A run starts when someone runs an action from an entity page or the catalog.
        </EmptyState>
      ) : (
        <>
          <RunTable team={team} runs={runs} />
          {loadMore && query.hasNextPage && (
            <Button variant="secondary" pending={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              Load more
            </Button>
          )}
        </>
      )}
    </div>
  );
}
