'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { RoleView } from '@/lib/roles/role-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { RoleForm } from './role-form';

// One role: its permissions as chips and how many hold it; custom roles editable by admins.
export function RoleCard({ team, role, canManage }: { team: string; role: RoleView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(`/teams/${team}/roles/${role.id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.roles(team) }),
  });
  if (editing) return <RoleForm team={team} role={role} onDone={() => setEditing(false)} />;
  const editable = canManage && !role.is_default;
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`role-${role.name}`} aria-label={`Role ${role.name}`}>
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 className="flex items-center gap-2 font-semibold text-slate-900">
            {role.name}
            {role.is_default && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">Default</span>}
          </h2>
          {role.description && <p className="mt-0.5 text-sm text-slate-500">{role.description}</p>}
          <p className="mt-1 text-xs text-slate-400">
            {role.member_count} member{role.member_count === 1 ? '' : 's'}
          </p>
        </div>
        {editable && (
          <div className="flex shrink-0 gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)}>Edit</Button>
            {confirming ? (
              <>
                <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate()}>Delete role</Button>
                <Button variant="ghost" onClick={() => setConfirming(false)}>Cancel</Button>
              </>
            ) : (
              <Button variant="ghost" onClick={() => setConfirming(true)}>Delete</Button>
            )}
          </div>
        )}
      </div>
      <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Permissions">
        {role.permissions.map((p) => (
          <li key={p} className="rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-xs text-indigo-700">{p}</li>
        ))}
        {role.permissions.length === 0 && <li className="text-xs text-slate-400">No permissions</li>}
      </ul>
      {remove.error && <p role="alert" className="mt-2 text-sm text-red-600">{remove.error.message}</p>}
    </article>
  );
}
