'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { GroupMappingView } from '@/lib/group-mappings/group-mapping-service';
import type { RoleView } from '@/lib/roles/role-service';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';

// The team settings' "Single sign-on groups": which identity provider groups give which role here
// (lib/group-mappings). Admins only, like the page.
export function GroupMappingsSection({ team, ssoEnabled }: { team: string; ssoEnabled: boolean }) {
  const mappings = useQuery({
    queryKey: queryKeys.groupMappings(team),
    queryFn: () => api<{ group_mappings: GroupMappingView[] }>(`/teams/${team}/group-mappings`),
  });
  const roles = useQuery({ queryKey: queryKeys.roles(team), queryFn: () => api<{ roles: RoleView[] }>(`/teams/${team}/roles?limit=1000`) });
  const rows = mappings.data?.group_mappings ?? [];
  return (
    <section aria-labelledby="sso-groups-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div>
        <h2 id="sso-groups-heading" className="font-semibold">
          Single sign-on groups
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          People whose identity provider groups include a mapped group join this team with its role when they sign in, and leave when they
          are no longer in any mapped group. Members added by hand are never changed.
        </p>
        {!ssoEnabled && (
          <p className="mt-2 text-sm text-amber-700">Single sign-on is not configured on this Baseplate: the mappings apply once it is.</p>
        )}
      </div>
      {mappings.error && <ErrorBanner error={mappings.error} onRetry={() => mappings.refetch()} />}
      {mappings.isPending ? (
        <TableSkeleton rows={2} />
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">No group is mapped: single sign-on does not change this team&apos;s members.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Mapped groups">
          {rows.map((m) => (
            <MappingRow key={m.id} team={team} mapping={m} />
          ))}
        </ul>
      )}
      {roles.data && <AddMappingForm team={team} roles={roles.data.roles.map((r) => r.name)} />}
    </section>
  );
}

function MappingRow({ team, mapping }: { team: string; mapping: GroupMappingView }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api(`/teams/${team}/group-mappings/${mapping.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifyOutcome('group mapping', mapping.group, 'deleted');
      await queryClient.invalidateQueries({ queryKey: queryKeys.groupMappings(team) });
    },
  });
  return (
    <li className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
      <span>
        <span className="font-mono">{mapping.group}</span> <span className="text-slate-500">gives</span>{' '}
        <span className="font-medium">{mapping.role.name}</span>
      </span>
      <span className="flex items-center gap-2">
        {remove.error && (
          <span role="alert" className="text-xs text-red-700">
            {sentence(remove.error.message)}
          </span>
        )}
        <Button
          variant="ghost"
          size="sm"
          pending={remove.isPending}
          onClick={() => remove.mutate()}
          aria-label={`Delete the mapping of ${mapping.group}`}
        >
          Delete
        </Button>
      </span>
    </li>
  );
}

function AddMappingForm({ team, roles }: { team: string; roles: string[] }) {
  const queryClient = useQueryClient();
  const [group, setGroup] = useState('');
  const [role, setRole] = useState(roles.includes('viewer') ? 'viewer' : (roles[0] ?? ''));
  const add = useMutation({
    mutationFn: () => api(`/teams/${team}/group-mappings`, { method: 'POST', body: { group: group.trim(), role } }),
    onSuccess: async () => {
      notifyOutcome('group mapping', group.trim(), 'added');
      setGroup('');
      await queryClient.invalidateQueries({ queryKey: queryKeys.groupMappings(team) });
    },
  });
  const error = add.error instanceof ApiError ? add.error : null;
  const groupError = error?.fieldErrors()['/group']
    ? 'Enter the group as your identity provider names it.'
    : error
      ? sentence(error.message)
      : undefined;
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Map a group"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <div className="min-w-56 flex-1">
        <Field
          label="Group"
          name="mapping-group"
          value={group}
          maxLength={255}
          onChange={(e) => {
            setGroup(e.target.value);
            if (add.error) add.reset();
          }}
          error={groupError}
          required
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="mapping-role" className="block text-sm font-medium text-slate-700">
          Gives the role
        </label>
        <select
          id="mapping-role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
        >
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <Button type="submit" pending={add.isPending} className={groupError ? 'mb-5' : ''}>
        Add mapping
      </Button>
    </form>
  );
}
