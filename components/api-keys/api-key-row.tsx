'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { grantsOf } from '@/components/roles/permission-areas';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatDate, formatDateTime, sentence } from '@/components/ui/format';
import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { notifyOutcome } from '@/components/ui/notify';

const STATUS: Record<ApiKeyView['status'], BadgeTone> = { active: 'emerald', expired: 'amber', revoked: 'slate' };

// One key: name and prefix, permissions, creator, dates, status; revoke after a confirm step.
export function ApiKeyRow({ team, apiKey: k }: { team: string; apiKey: ApiKeyView }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api(`/teams/${team}/api-keys/${k.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifyOutcome('API key', k.name, 'revoked');
      return queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(team) });
    },
  });
  const live = k.status === 'active';
  return (
    <tr data-testid={`api-key-${k.name}`}>
      <td className="px-4 py-3">
        <p className={`font-medium ${live ? 'text-slate-900' : 'text-slate-500'}`}>{k.name}</p>
        <p className="font-mono text-xs text-slate-500">{k.prefix}…</p>
      </td>
      <td className="max-w-64 px-4 py-3">
        <ul aria-label="Permissions" className="flex flex-wrap gap-1">
          {k.permissions.map((p) => (
            <li
              key={p}
              title={grantsOf(p)}
              className={`rounded px-1.5 py-0.5 font-mono text-xs ${live ? 'bg-indigo-50 text-indigo-700' : 'bg-slate-100 text-slate-500'}`}
            >
              {p}
            </li>
          ))}
        </ul>
      </td>
      <td className="px-4 py-3 text-xs">
        {k.created_by ? (
          <>
            <p className="text-slate-700">{k.created_by.name ?? k.created_by.email}</p>
            {k.created_by.name && <p className="text-slate-500">{k.created_by.email}</p>}
          </>
        ) : (
          <p className="italic text-slate-500">Former member</p>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDate(k.created_at)}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">
        {k.last_used_at ? formatDateTime(k.last_used_at) : <span className="text-slate-500">never</span>}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">
        {k.expires_at ? formatDate(k.expires_at) : <span className="text-slate-500">never expires</span>}
      </td>
      <td className="px-4 py-3">
        <Badge tone={STATUS[k.status]} title={k.revoked_at ? `Revoked ${formatDateTime(k.revoked_at)}` : undefined}>
          {k.status}
        </Badge>
      </td>
      <td className="whitespace-nowrap px-4 py-2.5 text-right">
        {live && (
          <ConfirmButton label="Revoke" confirmLabel="Revoke now" ariaLabel={`Revoke ${k.name}`} onConfirm={() => revoke.mutateAsync()} />
        )}
        {revoke.error && (
          <p role="alert" className="mt-1 whitespace-normal text-xs text-red-600">
            {sentence(revoke.error.message)}
          </p>
        )}
      </td>
    </tr>
  );
}
