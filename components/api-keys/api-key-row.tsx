'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatDate, formatDateTime } from '@/components/ui/format';
import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import { api, queryKeys } from '@/lib/web/api-client';

const STATUS = { active: 'bg-emerald-100 text-emerald-800', expired: 'bg-amber-100 text-amber-800', revoked: 'bg-slate-200 text-slate-600' };

// One key: name, prefix, permissions, creator, dates, status; revoke with a confirm step.
export function ApiKeyRow({ team, apiKey: k }: { team: string; apiKey: ApiKeyView }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api(`/teams/${team}/api-keys/${k.id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(team) }),
  });
  return (
    <tr data-testid={`api-key-${k.name}`} className="align-top">
      <td className="px-4 py-3">
        <p className="font-medium text-slate-900">{k.name}</p>
        <p className="font-mono text-xs text-slate-500">{k.prefix}…</p>
      </td>
      <td className="max-w-xs px-4 py-3">
        <span className="flex flex-wrap gap-1">
          {k.permissions.map((p) => (
            <span key={p} className="rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-xs text-indigo-700">{p}</span>
          ))}
        </span>
      </td>
      <td className="px-4 py-3 text-xs text-slate-600">
        {k.created_by ? k.created_by.name ?? k.created_by.email : 'former member'}
        <span className="block text-slate-400">{formatDate(k.created_at)}</span>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{k.last_used_at ? formatDateTime(k.last_used_at) : 'never'}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{k.expires_at ? formatDate(k.expires_at) : 'never expires'}</td>
      <td className="px-4 py-3">
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS[k.status]}`}>{k.status}</span>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right">
        {k.status === 'active' &&
          (confirming ? (
            <span className="inline-flex gap-2">
              <Button variant="danger" pending={revoke.isPending} onClick={() => revoke.mutate()}>Revoke now</Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>Cancel</Button>
            </span>
          ) : (
            <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Revoke ${k.name}`}>Revoke</Button>
          ))}
        {revoke.error && <p role="alert" className="text-xs text-red-600">{revoke.error.message}</p>}
      </td>
    </tr>
  );
}
