'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { formatCount, formatDateTime } from '@/components/ui/format';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { useIntegrationSyncs } from './use-integrations';

// An integration's past syncs, newest first: when, how (mode, dry run, from where), what they did.

export function SyncHistory({ team, integration }: { team: string; integration: string }) {
  const syncs = useIntegrationSyncs(team, integration);
  if (syncs.isPending) return <TableSkeleton rows={3} />;
  if (syncs.isError) return <ErrorBanner error={syncs.error} onRetry={() => void syncs.refetch()} />;
  const rows = syncs.data.pages.flatMap((p) => p.syncs);
  if (rows.length === 0) return <p className="text-sm text-slate-600">No sync yet.</p>;
  return (
    <div className="space-y-2">
      <DataTable columns={['Started', 'Mode', 'From', 'Created', 'Updated', 'Unchanged', 'Deleted', 'Failed']}>
        {rows.map((s) => (
          <tr key={s.id} data-testid="sync-row">
            <td className="px-4 py-2 text-slate-700">
              {formatDateTime(s.started_at)}
              {s.error && <p className="text-xs text-red-700">{s.error}</p>}
            </td>
            <td className="px-4 py-2">
              {s.mode}
              {s.dry_run && (
                <span className="ml-1">
                  <Badge>dry run</Badge>
                </span>
              )}
            </td>
            <td className="px-4 py-2 text-slate-600">{s.source}</td>
            <td className="px-4 py-2 tabular-nums">{formatCount(s.counts.created)}</td>
            <td className="px-4 py-2 tabular-nums">{formatCount(s.counts.updated)}</td>
            <td className="px-4 py-2 tabular-nums">{formatCount(s.counts.unchanged)}</td>
            <td className="px-4 py-2 tabular-nums">{formatCount(s.counts.deleted)}</td>
            <td className={`px-4 py-2 tabular-nums ${s.counts.failed ? 'font-medium text-red-700' : ''}`}>
              {formatCount(s.counts.failed)}
            </td>
          </tr>
        ))}
      </DataTable>
      {syncs.hasNextPage && (
        <Button variant="secondary" size="sm" pending={syncs.isFetchingNextPage} onClick={() => void syncs.fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}
