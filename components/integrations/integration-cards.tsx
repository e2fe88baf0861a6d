'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount, formatDateTime } from '@/components/ui/format';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import { integrationHref, newIntegrationHref } from './integration-paths';
import { KIND_LABELS } from './integration-words';
import { PullNow } from './pull-now';
import { useIntegrations } from './use-integrations';

// The team's integrations as cards: what feeds the catalog, whether it is on, and how its last
// sync went (counts, and its error in red); an http-pull one also its next pull and "Pull now".

function LastSync({ sync }: { sync: IntegrationView['last_sync'] }) {
  if (!sync) return <p className="text-sm text-slate-500">Never synced.</p>;
  const c = sync.counts;
  return (
    <div className="space-y-1 text-sm">
      <p className="text-slate-600">Last sync {formatDateTime(sync.at)}</p>
      {c && (
        <p className="text-slate-700">
          {formatCount(c.created)} created · {formatCount(c.updated)} updated · {formatCount(c.unchanged)} unchanged ·{' '}
          {formatCount(c.deleted)} deleted
          {c.failed > 0 && <span className="font-medium text-red-700"> · {formatCount(c.failed)} failed</span>}
        </p>
      )}
      {sync.error && <p className="text-red-700">{sync.error}</p>}
    </div>
  );
}

export function IntegrationCards({ team, canWrite }: { team: string; canWrite: boolean }) {
  const list = useIntegrations(team);
  if (list.isPending) return <TableSkeleton rows={3} />;
  if (list.isError) return <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />;
  const integrations = list.data.integrations;
  if (integrations.length === 0)
    return (
      <EmptyState icon="🔌" title="No integrations yet">
        <p>
          An integration feeds the catalog from another system: a CI job or a script sends items, and its mappings turn them into entities.
        </p>
        {canWrite && (
          <Link href={newIntegrationHref(team)} className={`${buttonClass('primary')} mt-4`}>
            <span aria-hidden>+</span> New integration
          </Link>
        )}
      </EmptyState>
    );
  return (
    <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {integrations.map((i) => (
        <li key={i.identifier} data-testid="integration-card" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="mb-2 flex items-start justify-between gap-2">
            <div className="min-w-0">
              <Link
                href={integrationHref(team, i.identifier)}
                className="font-semibold text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {i.title}
              </Link>
              <p className="truncate font-mono text-xs text-slate-500">{i.identifier}</p>
            </div>
            <div className="flex shrink-0 gap-1">
              <Badge tone="indigo">{KIND_LABELS[i.kind]}</Badge>
              {i.enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge>Disabled</Badge>}
            </div>
          </div>
          <p className="mb-2 text-xs text-slate-600">
            {i.mappings.length === 1 ? '1 mapping' : `${i.mappings.length} mappings`} into{' '}
            {[...new Set(i.mappings.map((m) => m.blueprint))].join(', ') || 'no blueprint'}
          </p>
          <LastSync sync={i.last_sync} />
          {i.kind === 'http-pull' && <PullNow team={team} integration={i} canWrite={canWrite} />}
        </li>
      ))}
    </ul>
  );
}
