'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { sentence } from '@/components/ui/format';
import { notifyDone } from '@/components/ui/notify';
import type { GroupMemberView } from '@/lib/groups/group-members';
import type { GroupView } from '@/lib/groups/group-service';
import type { MemberView } from '@/lib/members/member-service';
import { api, queryKeys } from '@/lib/web/api-client';

// A group's people; for team:manage a picker of the team's other members to add, and Remove.
export function GroupMembers({ team, group, canManage }: { team: string; group: GroupView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState('');
  const people = useQuery({
    queryKey: queryKeys.groupMembers(team, group.identifier),
    queryFn: () => api<{ members: GroupMemberView[] }>(`/teams/${team}/groups/${group.identifier}/members`),
  });
  const teamMembers = useQuery({
    queryKey: [...queryKeys.members(team), 'all'],
    queryFn: () => api<{ members: MemberView[] }>(`/teams/${team}/members?limit=1000`),
    enabled: canManage,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.groupMembers(team, group.identifier) });
    await queryClient.invalidateQueries({ queryKey: queryKeys.groups(team), exact: true });
  };
  const add = useMutation({
    mutationFn: (userId: string) => api(`/teams/${team}/groups/${group.identifier}/members`, { method: 'POST', body: { user_id: userId } }),
    onMutate: () => {
      remove.reset();
    },
    onSuccess: () => {
      setPicked('');
      notifyDone(`Added to ${group.title}.`);
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (m: GroupMemberView) => api(`/teams/${team}/groups/${group.identifier}/members/${m.user_id}`, { method: 'DELETE' }),
    onMutate: () => {
      add.reset();
    },
    onSuccess: (_, m) => notifyDone(`${m.name ?? m.email} left ${group.title}.`),
    onSettled: refresh,
  });
  const list = people.data?.members ?? [];
  const inGroup = new Set(list.map((m) => m.user_id));
  const candidates = (teamMembers.data?.members ?? []).filter((m) => !inGroup.has(m.user_id));
  const error = add.error ?? remove.error ?? people.error;
  const pickerId = `add-to-${group.identifier}`;
  return (
    <div className="mt-3 border-t border-slate-100 pt-3">
      {people.isPending ? (
        <p className="text-sm text-slate-500" aria-busy="true">
          Loading members…
        </p>
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-500">Nobody is in this group yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={`Members of ${group.title}`}>
          {list.map((m) => (
            <li
              key={m.user_id}
              className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-3 pr-1 text-sm text-slate-800"
            >
              {m.name ?? m.email}
              {canManage && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove ${m.email} from ${group.title}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(m)}
                >
                  ✕
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <form
          className="mt-3 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (picked) add.mutate(picked);
          }}
        >
          <label htmlFor={pickerId} className="text-sm text-slate-700">
            Add a member to {group.title}
          </label>
          <select
            id={pickerId}
            value={picked}
            onChange={(e) => setPicked(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
          >
            <option value="">{candidates.length ? 'Choose a member…' : 'Everyone is in it'}</option>
            {candidates.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.name ? `${m.name} (${m.email})` : m.email}
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="secondary" disabled={!picked} pending={add.isPending}>
            Add
          </Button>
        </form>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {sentence(error.message)}
        </p>
      )}
    </div>
  );
}
