'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatDate, sentence } from '@/components/ui/format';
import type { MemberView, RevokedKeyView } from '@/lib/members/member-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { notifyDone, notifyOutcome } from '@/components/ui/notify';

// One member: who, role (a select for admins), joined; remove with a confirm step.
export function MemberRow({
  team,
  member,
  roles,
  canManage,
  isSelf,
  active = true,
  onAct,
}: {
  team: string;
  member: MemberView;
  roles: string[];
  canManage: boolean;
  isSelf: boolean;
  /** This row made the page's latest request (only then its error shows); `onAct` says it did. */
  active?: boolean;
  onAct?: () => void;
}) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.members(team) });
    await queryClient.invalidateQueries({ queryKey: queryKeys.roles(team) });
  };
  const changeRole = useMutation({
    mutationFn: (role: string) => api(`/teams/${team}/members/${member.user_id}`, { method: 'PATCH', body: { role } }),
    onMutate: () => {
      onAct?.();
      remove.reset();
    },
    onSuccess: (_, role) => notifyDone(`${member.name ?? member.email} is now ${role}.`),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api(`/teams/${team}/members/${member.user_id}`, { method: 'DELETE' }),
    onMutate: () => {
      onAct?.();
      changeRole.reset();
    },
    onSuccess: () => notifyOutcome('member', member.name ?? member.email, 'removed'),
    onSettled: async () => {
      await refresh();
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(team) });
    },
  });
  // The confirm step says which API keys the removal revokes (API.md): the same DELETE, as a dry run.
  const preview = useQuery({
    queryKey: [...queryKeys.members(team), member.user_id, 'removal'],
    queryFn: () =>
      api<{ revoked_api_keys: RevokedKeyView[] }>(`/teams/${team}/members/${member.user_id}?dry_run=true`, { method: 'DELETE' }),
    enabled: confirming,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  // The error of the latest of this row's requests (the others are reset when one starts).
  const error = active ? (remove.error ?? changeRole.error ?? (confirming ? preview.error : null)) : null;
  return (
    <tr data-testid={`member-${member.email}`}>
      <td className="px-4 py-3">
        <p className="font-medium text-slate-900">
          {member.name ?? member.email} {isSelf && <span className="text-xs font-normal text-slate-500">(you)</span>}
        </p>
        <p className="text-xs text-slate-500">{member.email}</p>
        {member.status !== 'active' && (
          <span className="mt-1 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{member.status}</span>
        )}
      </td>
      <td className="px-4 py-3">
        {canManage ? (
          <select
            aria-label={`Role of ${member.email}`}
            value={member.role.name}
            disabled={changeRole.isPending}
            onChange={(e) => changeRole.mutate(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
          >
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        ) : (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{member.role.name}</span>
        )}
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {sentence(error.message)}
          </p>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-sm text-slate-500">{formatDate(member.joined_at)}</td>
      <td className="px-4 py-3 text-right">
        {canManage &&
          (confirming ? (
            <span className="inline-flex flex-col items-end gap-2" role="group" aria-label={`Remove ${member.email}`}>
              {preview.data && (
                <span className="text-left text-xs text-slate-600" data-testid="removal-keys">
                  {preview.data.revoked_api_keys.length === 0 ? (
                    'No API keys of theirs to revoke.'
                  ) : (
                    <>
                      Revokes{' '}
                      {preview.data.revoked_api_keys.length === 1
                        ? 'their API key'
                        : `their ${preview.data.revoked_api_keys.length} API keys`}
                      :
                      <ul className="mt-1 list-disc pl-4">
                        {preview.data.revoked_api_keys.map((k) => (
                          <li key={k.id}>
                            {k.name} <code className="text-slate-500">{k.prefix}…</code>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </span>
              )}
              <span className="inline-flex gap-2">
                <Button
                  variant="danger"
                  pending={remove.isPending}
                  disabled={!preview.data}
                  onClick={() => remove.mutate()}
                  onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
                >
                  Remove {isSelf ? 'yourself' : ''}
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </span>
            </span>
          ) : (
            <Button
              variant="ghost"
              onClick={() => {
                onAct?.();
                setConfirming(true);
              }}
              aria-label={`Remove ${member.email}`}
            >
              Remove
            </Button>
          ))}
      </td>
    </tr>
  );
}
