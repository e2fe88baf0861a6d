'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { ApiKeyRow } from './api-key-row';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewKeyPanel } from './new-key-panel';

type KeyPage = { api_keys: ApiKeyView[]; next_cursor: string | null };

// The team's API keys: create (the key is shown once), see when each was last used, revoke.
export function ApiKeysPanel({ team, allowed }: { team: string; allowed: string[] }) {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const keys = useInfiniteQuery({
    queryKey: queryKeys.apiKeys(team),
    queryFn: ({ pageParam }) => api<KeyPage>(`/teams/${team}/api-keys?limit=100${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = keys.data?.pages.flatMap((p) => p.api_keys) ?? [];
  return (
    <div className="space-y-4">
      {created && <NewKeyPanel name={created.name} secret={created.key} onClose={() => setCreated(null)} />}
      {creating ? (
        <CreateApiKeyForm
          team={team}
          allowed={allowed}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated({ name: c.api_key.name, key: c.key });
          }}
        />
      ) : (
        <Button onClick={() => setCreating(true)}>Create API key</Button>
      )}
      {keys.error && <ErrorBanner error={keys.error} onRetry={() => keys.refetch()} />}
      {keys.isPending ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState icon="🔑" title="No API keys yet">Scripts and CI jobs call the REST API with a key: create one for each of them.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Key</th>
                <th scope="col" className="px-4 py-3">Permissions</th>
                <th scope="col" className="px-4 py-3">Created by</th>
                <th scope="col" className="px-4 py-3">Last used</th>
                <th scope="col" className="px-4 py-3">Expires</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((k) => <ApiKeyRow key={k.id} team={team} apiKey={k} />)}
            </tbody>
          </table>
        </div>
      )}
      {keys.hasNextPage && <Button variant="secondary" pending={keys.isFetchingNextPage} onClick={() => keys.fetchNextPage()}>Load more</Button>}
    </div>
  );
}
