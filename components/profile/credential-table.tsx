'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DataTable } from '@/components/ui/data-table';
import { formatDate, formatDateTime, sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { CredentialView } from '@/lib/auth/credential-view';
import { api, queryKeys } from '@/lib/web/api-client';
import { describeUserAgent } from './user-agent';

// The person's browser sessions or login tokens (the same columns): the device, where and when
// it was last used, "this session" marked, and Revoke. Revoking this very session signs out.

const KINDS = {
  session: { path: '/auth/sessions', list: 'sessions', key: queryKeys.mySessions(), noun: 'Session', current: 'This session' },
  token: { path: '/auth/tokens', list: 'login_tokens', key: queryKeys.myLoginTokens(), noun: 'Login token', current: 'This token' },
} as const;

type Credential = CredentialView;

export function CredentialTable({ kind, empty }: { kind: keyof typeof KINDS; empty: string }) {
  const k = KINDS[kind];
  const list = useQuery({
    queryKey: k.key,
    queryFn: async () => (await api<Record<string, Credential[]>>(k.path))[k.list],
  });
  if (list.error) return <ErrorBanner error={list.error} onRetry={() => list.refetch()} />;
  if (list.isPending) return <TableSkeleton rows={2} />;
  if (list.data.length === 0)
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-500">{empty}</p>;
  return (
    <DataTable columns={['Device', 'Last used', 'From', 'Created', 'Expires', '']}>
      {list.data.map((c) => (
        <CredentialRow key={c.id} kind={kind} credential={c} />
      ))}
    </DataTable>
  );
}

function CredentialRow({ kind, credential: c }: { kind: keyof typeof KINDS; credential: Credential }) {
  const k = KINDS[kind];
  const queryClient = useQueryClient();
  const router = useRouter();
  const device = describeUserAgent(c.user_agent);
  const signsOut = c.current && kind === 'session'; // revoking this very session signs this browser out
  const revoke = useMutation({
    mutationFn: () => api(`${k.path}/${c.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      if (signsOut) return router.replace('/login');
      notifyOutcome(k.noun, device, 'revoked');
      return queryClient.invalidateQueries({ queryKey: k.key });
    },
  });
  return (
    <tr data-testid={`${kind}-row`} data-current={c.current || undefined}>
      <td className="px-4 py-3">
        <p className="font-medium text-slate-900" title={c.user_agent ?? undefined}>
          {device}
        </p>
        {c.current && <Badge tone="indigo">{k.current}</Badge>}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">
        {c.last_used_at ? formatDateTime(c.last_used_at) : <span className="text-slate-500">not since it was made</span>}
      </td>
      <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-600">{c.last_used_ip ?? '—'}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDateTime(c.created_at)}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDate(c.expires_at)}</td>
      <td className="whitespace-nowrap px-4 py-2.5 text-right">
        <ConfirmButton
          label={signsOut ? 'Sign out' : 'Revoke'}
          confirmLabel={signsOut ? 'Sign out now' : 'Revoke now'}
          // The visible label first (axe: label-content-name-mismatch), then which row.
          ariaLabel={`${signsOut ? 'Sign out' : 'Revoke'} ${k.noun.toLowerCase()} ${device} created ${formatDateTime(c.created_at)} (${c.id.slice(0, 8)})`}
          onConfirm={() => revoke.mutateAsync()}
        />
        {revoke.error && (
          <p role="alert" className="mt-1 whitespace-normal text-xs text-red-600">
            {sentence(revoke.error.message)}
          </p>
        )}
      </td>
    </tr>
  );
}
