'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { AuditLogView } from '@/lib/audit/list-audit-logs';
import { queryKeys } from '@/lib/web/api-client';
import { useCursorList } from '@/lib/web/use-cursor-list';
import { AuditChanges } from './audit-changes';
import { AuditFilters, type AuditFilterValues } from './audit-filters';

type AuditPage = { audit_logs: AuditLogView[]; next_cursor: string | null };

function who(entry: AuditLogView): string {
  const person = entry.actor.name ?? entry.actor.email ?? 'a former user';
  return entry.actor.type === 'api_key' ? `API key ${entry.actor.api_key_name ?? ''} (of ${person})` : person;
}

// The team's change history, newest first, filtered by what the URL says.
export function AuditPanel({ team }: { team: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters: AuditFilterValues = { action: params.get('action') ?? '', entity_type: params.get('entity_type') ?? '', since: params.get('since') ?? '', until: params.get('until') ?? '' };
  const query = new URLSearchParams();
  if (filters.action) query.set('action', filters.action);
  if (filters.entity_type) query.set('entity_type', filters.entity_type);
  if (filters.since) query.set('since', `${filters.since}T00:00:00Z`);
  if (filters.until) query.set('until', new Date(Date.parse(`${filters.until}T00:00:00Z`) + 86_400_000).toISOString());
  query.set('limit', '50');
  const log = useCursorList(queryKeys.auditLogs(team, Object.fromEntries(query)), `/teams/${team}/audit-logs?${query}`, (p: AuditPage) => p.audit_logs);
  const rows = log.items;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-4">
      <AuditFilters
        value={filters}
        onChange={(next) => {
          const search = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
          router.replace(`${pathname}${search.size ? `?${search}` : ''}`);
        }}
      />
      {log.error && <ErrorBanner error={log.error} onRetry={() => log.refetch()} />}
      {log.isPending ? (
        <TableSkeleton rows={6} />
      ) : rows.length === 0 ? (
        <EmptyState icon="📜" title={filtered ? 'No entries match these filters' : 'No changes recorded yet'} />
      ) : (
        <DataTable columns={['When', 'Who', 'Action', 'Resource', 'Changes']}>
              {rows.map((e) => (
                <tr key={e.id} data-testid="audit-entry">
                  <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-500">{formatDateTime(e.created_at)}</td>
                  <td className="px-4 py-3 text-slate-800">{who(e)}</td>
                  <td className="px-4 py-3"><span className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">{e.action}</span></td>
                  <td className="px-4 py-3 text-xs text-slate-600">{e.entity_type}<span className="block font-mono text-slate-400">{e.entity_id.slice(0, 8)}</span></td>
                  <td className="px-4 py-3"><AuditChanges oldData={e.old_data} newData={e.new_data} /></td>
                </tr>
              ))}
        </DataTable>
      )}
      {log.hasNextPage && <Button variant="secondary" pending={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>Load more</Button>}
    </div>
  );
}
