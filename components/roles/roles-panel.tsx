'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { RoleView } from '@/lib/roles/role-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { AREAS } from './permission-areas';
import { RoleForm } from './role-form';
import { RoleRow } from './role-row';

// The team's roles as a matrix (roles x permission areas); team:manage adds, edits and deletes
// custom roles. Without it the page is read-only and shows no buttons at all.
export function RolesPanel({ team, canManage }: { team: string; canManage: boolean }) {
  const [creating, setCreating] = useState(false);
  const roles = useQuery({ queryKey: queryKeys.roles(team), queryFn: () => api<{ roles: RoleView[] }>(`/teams/${team}/roles?limit=1000`) });
  const list = roles.data?.roles ?? [];
  const custom = list.filter((r) => !r.is_default).length;
  return (
    <div className="space-y-4">
      <div className="flex min-h-9 items-center justify-between gap-4">
        <p className="text-sm text-slate-500">
          {roles.data ? `${list.length} roles, ${custom} custom. ` : ''}
          {canManage ? 'The default roles are built in and cannot be changed.' : 'Only admins can create or change roles.'}
        </p>
        {canManage && !creating && <Button onClick={() => setCreating(true)}>New role</Button>}
      </div>
      {creating && <RoleForm team={team} onDone={() => setCreating(false)} />}
      {roles.error && <ErrorBanner error={roles.error} onRetry={() => roles.refetch()} />}
      {roles.isPending ? (
        <TableSkeleton rows={4} />
      ) : (
        roles.data && (
          <DataTable columns={['Role', ...AREAS]} dense>
            {list.map((r) => (
              <RoleRow key={r.id} team={team} role={r} canManage={canManage} />
            ))}
          </DataTable>
        )
      )}
    </div>
  );
}
