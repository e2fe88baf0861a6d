'use client';

import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { AuditLogView } from '@/lib/audit/list-audit-logs';
import { queryKeys } from '@/lib/web/api-client';
import { useCursorList } from '@/lib/web/use-cursor-list';
import { AuditFilters } from './audit-filters';
import { AuditRow } from './audit-row';
import { auditApiQuery, useAuditFilters } from './use-audit-filters';

type AuditPage = { audit_logs: AuditLogView[]; next_cursor: string | null };

// The team's change history, newest first, filtered by the URL, 50 entries a page.
export function AuditPanel({ team }: { team: string }) {
  const { filters, setFilters } = useAuditFilters();
  const query = auditApiQuery(filters);
  const log = useCursorList(
    queryKeys.auditLogs(team, Object.fromEntries(query)),
    `/teams/${team}/audit-logs?${query}`,
    (p: AuditPage) => p.audit_logs,
    { keepPrevious: true },
  );
  const rows = log.items;
  const filtered = Object.values(filters).some(Boolean);
  const clear = () => setFilters({ action: '', entity_type: '', since: '', until: '' });
  return (
    <div className="space-y-4">
      <AuditFilters value={filters} onChange={setFilters} />
      {log.error && <ErrorBanner error={log.error} onRetry={() => log.refetch()} />}
      {log.isPending ? (
        <TableSkeleton rows={8} />
      ) : rows.length === 0 ? (
        !log.error && (
          <EmptyState icon="📜" title={filtered ? 'No entries match these filters' : 'No changes recorded yet'}>
            {filtered ? (
              <button
                type="button"
                onClick={clear}
                className="font-medium text-indigo-600 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
              >
                Clear the filters
              </button>
            ) : (
              'Changes to the team, its members, roles and API keys will appear here.'
            )}
          </EmptyState>
        )
      ) : (
        <div aria-busy={log.isPlaceholderData || undefined} className={`transition-opacity ${log.isPlaceholderData ? 'opacity-50' : ''}`}>
          <DataTable columns={['When', 'Who', 'Action', 'Resource', 'Changes']}>
            {rows.map((e) => (
              <AuditRow key={e.id} entry={e} team={team} />
            ))}
          </DataTable>
        </div>
      )}
      {rows.length > 0 && (
        <div className="flex items-center gap-4">
          {log.hasNextPage && (
            <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
              Load more
            </Button>
          )}
          <p className="text-xs text-slate-500">
            {rows.length} entr{rows.length === 1 ? 'y' : 'ies'} shown
            {log.hasNextPage ? '' : ', the whole log' + (filtered ? ' for these filters' : '')}.
          </p>
        </div>
      )}
    </div>
  );
}
