'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import type { GroupView } from '@/lib/groups/group-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { GroupForm } from './group-form';
import { GroupMembers } from './group-members';

// One group: title, identifier, description and its people; for team:manage, Edit (the form
// replaces the card) and Delete (asks first: the group also leaves the owners of what it owned).
export function GroupCard({ team, group, canManage }: { team: string; group: GroupView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => api<{ owned_entities: number }>(`/teams/${team}/groups/${group.identifier}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifyOutcome('group', group.title, 'deleted');
      return queryClient.invalidateQueries({ queryKey: queryKeys.groups(team) });
    },
  });
  if (editing)
    return (
      <li>
        <GroupForm team={team} group={group} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`group-${group.identifier}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-slate-900">{group.title}</h2>
          <p className="text-xs text-slate-500">
            <code>{group.identifier}</code> · {group.member_count} member{group.member_count === 1 ? '' : 's'}
          </p>
          {group.description && <p className="mt-1 text-sm text-slate-600">{group.description}</p>}
        </div>
        {canManage && (
          <span className="inline-flex gap-1">
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${group.title}`}>
              Edit
            </Button>
            <ConfirmButton
              size="sm"
              label="Delete"
              confirmLabel="Delete group"
              ariaLabel={`Delete ${group.title}`}
              onConfirm={() => remove.mutateAsync()}
            />
          </span>
        )}
      </div>
      {remove.error && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          Could not delete &ldquo;{group.title}&rdquo;: {sentence(remove.error.message)}
        </p>
      )}
      <GroupMembers team={team} group={group} canManage={canManage} />
    </li>
  );
}
