'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { NewKeyPanel } from '@/components/api-keys/new-key-panel';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { PersonalTokenView } from '@/lib/auth/personal-tokens';
import { api, queryKeys } from '@/lib/web/api-client';
import { CreatePersonalTokenForm, type MyTeam } from './create-personal-token-form';
import { PersonalTokenRow } from './personal-token-row';

// The person's personal access tokens: create one (shown once, with Copy), see when and where each
// was last used, revoke. A person in no team has nothing a token could reach: the form says so.
export function PersonalTokensPanel({ teams }: { teams: MyTeam[] }) {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const list = useQuery({
    queryKey: queryKeys.myPersonalTokens(),
    queryFn: async () => (await api<{ personal_tokens: PersonalTokenView[] }>('/auth/personal-tokens')).personal_tokens,
  });
  return (
    <div className="space-y-4">
      {created && (
        <NewKeyPanel
          name={created.name}
          secret={created.token}
          what="Personal token"
          testId="new-personal-token"
          usage="bpp_…"
          onClose={() => setCreated(null)}
        />
      )}
      {!creating && (
        <div className="flex items-center gap-3">
          <Button onClick={() => setCreating(true)} disabled={teams.length === 0}>
            Create personal token
          </Button>
          {teams.length === 0 && <p className="text-sm text-slate-500">Join or create a team first: a token reaches only your teams.</p>}
        </div>
      )}
      {creating && (
        <CreatePersonalTokenForm
          teams={teams}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setCreated({ name: c.personal_token.name, token: c.token });
          }}
        />
      )}
      {list.error ? (
        <ErrorBanner error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <TableSkeleton rows={2} />
      ) : list.data.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-500">
          No personal tokens yet. Scripts that act as you (a deploy from your laptop, a CLI) use one.
        </p>
      ) : (
        <DataTable columns={['Token', 'Teams and level', 'Last used', 'Created', 'Expires', 'Status', '']}>
          {list.data.map((t) => (
            <PersonalTokenRow key={t.id} token={t} />
          ))}
        </DataTable>
      )}
    </div>
  );
}
