'use client';

import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { IntegrationEditor, type IntegrationEditorProps } from './integration-editor';
import { IngestionBox } from './integration-secret';
import { PullNow } from './pull-now';
import { SyncHistory } from './sync-history';
import { SyncItemsPanel } from './sync-items-panel';
import { useIntegration } from './use-integrations';

// One integration's page once it (and its ETag) has loaded through the API: where its items go
// (webhooks), sending items from here, its syncs, and the editor.
export function IntegrationPage({ integration, ...props }: Omit<IntegrationEditorProps, 'initial'> & { integration: string }) {
  const query = useIntegration(props.team, integration);
  if (query.isPending) return <TableSkeleton rows={6} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const view = query.data.body;
  return (
    <div className="space-y-8">
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        {props.canWrite ? <SyncItemsPanel team={props.team} integration={integration} /> : <div />}
        {view.kind === 'webhook' && <IngestionBox team={props.team} integration={integration} canWrite={props.canWrite} />}
        {view.kind === 'http-pull' && (
          <section aria-labelledby="pull-now-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="pull-now-heading" className="text-sm font-semibold text-slate-900">
              Schedule
            </h2>
            <PullNow team={props.team} integration={view} canWrite={props.canWrite} />
          </section>
        )}
      </div>
      <section aria-labelledby="syncs-heading" className="space-y-3">
        <h2 id="syncs-heading" className="text-base font-semibold text-slate-900">
          Syncs
        </h2>
        <SyncHistory team={props.team} integration={integration} />
      </section>
      <section aria-labelledby="settings-heading" className="space-y-3">
        <h2 id="settings-heading" className="text-base font-semibold text-slate-900">
          Settings and mappings
        </h2>
        <IntegrationEditor key={query.data.etag ?? integration} {...props} initial={{ view, etag: query.data.etag }} />
      </section>
    </div>
  );
}
