'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { sentence } from '@/components/ui/format';
import type { RoleView } from '@/lib/roles/role-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { AREAS } from './permission-areas';
import { AreaPermissions } from './role-permissions';
import { RoleForm } from './role-form';
import { notifyOutcome } from '@/components/ui/notify';

// One role in the matrix: name, description, member count and (custom roles, for team:manage)
// Edit and Delete under them; editing swaps the row for the form, deleting asks first.
export function RoleRow({ team, role, canManage }: { team: string; role: RoleView; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => api(`/teams/${team}/roles/${role.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifyOutcome('role', role.name, 'deleted');
      return queryClient.invalidateQueries({ queryKey: queryKeys.roles(team) });
    },
  });
  const columns = AREAS.length + 1;
  if (editing) {
    return (
      <tr>
        <td colSpan={columns} className="bg-slate-50 p-4">
          <RoleForm team={team} role={role} onDone={() => setEditing(false)} />
        </td>
      </tr>
    );
  }
  const editable = canManage && !role.is_default;
  return (
    <>
      <tr data-testid={`role-${role.name}`}>
        <td className="py-3 pl-4 pr-2.5">
          <p className="flex items-center gap-2 font-medium text-slate-900">
            {role.name}
            {role.is_default && <Badge>Default</Badge>}
          </p>
          {role.description && <p className="mt-0.5 text-xs text-slate-500">{role.description}</p>}
          <div className="mt-1.5 flex min-h-6 flex-wrap items-center gap-x-3 gap-y-1">
            <span className="text-xs text-slate-500">
              {role.member_count} member{role.member_count === 1 ? '' : 's'}
            </span>
            {editable && (
              <span className="inline-flex gap-1">
                <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${role.name}`}>
                  Edit
                </Button>
                <ConfirmButton
                  size="sm"
                  label="Delete"
                  confirmLabel="Delete role"
                  ariaLabel={`Delete ${role.name}`}
                  onConfirm={() => remove.mutateAsync()}
                />
              </span>
            )}
          </div>
        </td>
        {AREAS.map((area) => (
          <td key={area} className="whitespace-nowrap px-2.5 py-3 last:pr-4">
            <AreaPermissions area={area} granted={role.permissions} />
          </td>
        ))}
      </tr>
      {remove.error && (
        <tr>
          <td colSpan={columns} className="bg-red-50 px-4 py-2">
            <div role="alert" className="flex items-center justify-between gap-4 text-sm text-red-700">
              <span>
                Could not delete &ldquo;{role.name}&rdquo;: {sentence(remove.error.message)}
              </span>
              <Button variant="ghost" size="sm" onClick={() => remove.reset()}>
                Dismiss
              </Button>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
