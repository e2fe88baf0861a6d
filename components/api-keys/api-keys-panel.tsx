'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import { queryKeys } from '@/lib/web/api-client';
import { useCursorList } from '@/lib/web/use-cursor-list';
import { ApiKeyRow } from './api-key-row';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewKeyPanel } from './new-key-panel';

type KeyPage = { api_keys: ApiKeyView[]; next_cursor: string | null };

// The team's API keys: create one (the key is shown once), see when each was last used, revoke.
export function ApiKeysPanel({ team, allowed }: { team: string; allowed: readonly string[] }) {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const keys = useCursorList(queryKeys.apiKeys(team), `/teams/${team}/api-keys?limit=100`, (p: KeyPage) => p.api_keys);
  const rows = keys.items;
  const active = rows.filter((k) => k.status === 'active').length;
  return (
    <div className="space-y-4">
      {created && <NewKeyPanel name={created.name} secret={created.key} onClose={() => setCreated(null)} />}
      <div className="flex min-h-9 items-center justify-between gap-4">
        <p className="text-sm text-slate-500">
          {keys.data ? `${active} active of ${rows.length}${keys.hasNextPage ? '+' : ''}. Revoked keys stay listed for the record.` : ''}
        </p>
        {!creating && <Button onClick={() => setCreating(true)}>Create API key</Button>}
      </div>
      {creating && (
        <CreateApiKeyForm
          team={team}
          allowed={allowed}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated({ name: c.api_key.name, key: c.key });
          }}
        />
      )}
      {keys.error && <ErrorBanner error={keys.error} onRetry={() => keys.refetch()} />}
      {keys.isPending ? (
        <TableSkeleton />
      ) : rows.length === 0 ? (
        <EmptyState icon="🔑" title="No API keys yet">
          Scripts and CI jobs call the REST API with a key: create one for each of them.
        </EmptyState>
      ) : (
        <DataTable columns={['Key', 'Permissions', 'Created by', 'Created', 'Last used', 'Expires', 'Status', '']}>
          {rows.map((k) => (
            <ApiKeyRow key={k.id} team={team} apiKey={k} />
          ))}
        </DataTable>
      )}
      {keys.hasNextPage && (
        <Button variant="secondary" pending={keys.isFetchingNextPage} onClick={() => keys.fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}
