'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { Permission } from '@/lib/authz/permissions';
import type { RoleView } from '@/lib/roles/role-service';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';
import { PermissionPicker } from './permission-picker';

// Create a custom role, or edit one: a name, a description, and ticked permissions.
export function RoleForm({ team, role, onDone }: { team: string; role?: RoleView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState<Permission[]>((role?.permissions ?? []) as Permission[]);
  const save = useMutation({
    mutationFn: () =>
      role
        ? api(`/teams/${team}/roles/${role.id}`, { method: 'PATCH', body: { name, description: description || null, permissions } })
        : api(`/teams/${team}/roles`, { method: 'POST', body: { name, ...(description && { description }), permissions } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.roles(team) });
      onDone();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const fields = error?.fieldErrors() ?? {};
  const nameError = fields['/name'] ? 'Use letters, digits, spaces, dots, dashes or underscores.' : error?.code === 'conflict' ? error.message : undefined;
  return (
    <form
      aria-label={role ? `Edit role ${role.name}` : 'New role'}
      className="space-y-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Role name" name="role-name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} autoFocus maxLength={50} />
        <Field label="Description" name="role-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={255} hint="Optional: what this role is for." />
      </div>
      <PermissionPicker idPrefix={role ? `role-${role.id}` : 'new-role'} value={permissions} onChange={setPermissions} />
      {error && !nameError && <p role="alert" className="text-sm text-red-600">{error.message}</p>}
      <div className="flex gap-2">
        <Button type="submit" pending={save.isPending}>{role ? 'Save role' : 'Create role'}</Button>
        <Button type="button" variant="secondary" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
