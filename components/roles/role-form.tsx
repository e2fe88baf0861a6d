'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { focusFirstInvalid } from '@/components/ui/focus-first-invalid';
import { sentence } from '@/components/ui/format';
import type { Permission } from '@/lib/authz/permissions';
import type { RoleView } from '@/lib/roles/role-service';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import { PermissionPicker } from './permission-picker';
import { notifyOutcome } from '@/components/ui/notify';

/** The API's verdict, field by field: 422 details by JSON pointer, a 409 (name taken) at the name. */
function roleFormErrors(error: unknown, name: string) {
  if (!(error instanceof ApiError)) return { other: error instanceof Error ? error.message : undefined };
  const fields = error.fieldErrors();
  const nameError =
    error.code === 'conflict'
      ? sentence(error.message)
      : fields['/name'] &&
        (name.trim()
          ? 'Start with a letter or digit, then letters, digits, spaces, dots, dashes or underscores (at most 50).'
          : 'Give the role a name.');
  const description = fields['/description'] && 'Keep the description under 255 characters.';
  const permissions = fields['/permissions'] && sentence(fields['/permissions']);
  return {
    name: nameError,
    description,
    permissions,
    other: nameError || description || permissions ? undefined : sentence(error.message),
  };
}

// Create a custom role, or edit one: a name, a description, and permissions ticked by area.
export function RoleForm({ team, role, onDone }: { team: string; role?: RoleView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState<Permission[]>((role?.permissions ?? []) as Permission[]);
  const [shown] = useState(() => JSON.stringify({ name, description, permissions }));
  const save = useMutation({
    mutationFn: () =>
      role
        ? api(`/teams/${team}/roles/${role.id}`, {
            method: 'PATCH',
            body: { name: name.trim(), description: description.trim() || null, permissions },
          })
        : api(`/teams/${team}/roles`, {
            method: 'POST',
            body: { name: name.trim(), ...(description.trim() && { description: description.trim() }), permissions },
          }),
    onSuccess: async () => {
      notifyOutcome('role', name.trim(), role ? 'saved' : 'created');
      await queryClient.invalidateQueries({ queryKey: queryKeys.roles(team) });
      onDone();
    },
    onError: () => focusFirstInvalid(form.current),
  });
  useUnsavedGuard(
    !save.isSuccess && JSON.stringify({ name, description, permissions }) !== shown,
    role ? `the role ${role.name}` : 'this new role',
  );
  const errors = roleFormErrors(save.error, name);
  const prefix = role ? `role-${role.id}` : 'new-role';
  return (
    <form
      ref={form}
      aria-label={role ? `Edit role ${role.name}` : 'New role'}
      className="space-y-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm ring-4 ring-indigo-50"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && !save.isPending && onDone()}
    >
      <h2 className="text-base font-semibold text-slate-900">{role ? <>Edit role &ldquo;{role.name}&rdquo;</> : 'New custom role'}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Role name"
          name={`${prefix}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          autoFocus
          maxLength={50}
          autoComplete="off"
        />
        <Field
          label="Description"
          name={`${prefix}-description`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
          maxLength={255}
          hint="Optional: what this role is for."
        />
      </div>
      <PermissionPicker idPrefix={prefix} value={permissions} onChange={setPermissions} error={errors.permissions} />
      {permissions.length === 0 && !errors.permissions && (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="no-permission-warning"
        >
          This role grants no permission: its members will see nothing of the team. Tick at least one, or save it as a placeholder.
        </p>
      )}
      {errors.other && (
        <p role="alert" className="text-sm text-red-600">
          {errors.other}
        </p>
      )}
      <div className="flex gap-2 border-t border-slate-100 pt-4">
        <Button type="submit" pending={save.isPending}>
          {role ? 'Save role' : 'Create role'}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
