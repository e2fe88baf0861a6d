'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { RoleView } from '@/lib/roles/role-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { RoleCard } from './role-card';
import { RoleForm } from './role-form';

// The team's roles; admins create, edit and delete custom ones (default roles are fixed).
export function RolesPanel({ team, canManage }: { team: string; canManage: boolean }) {
  const [creating, setCreating] = useState(false);
  const roles = useQuery({ queryKey: queryKeys.roles(team), queryFn: () => api<{ roles: RoleView[] }>(`/teams/${team}/roles?limit=1000`) });
  return (
    <div className="space-y-4">
      {canManage && !creating && <Button onClick={() => setCreating(true)}>New role</Button>}
      {creating && <RoleForm team={team} onDone={() => setCreating(false)} />}
      {roles.error && <ErrorBanner error={roles.error} onRetry={() => roles.refetch()} />}
      {roles.isPending ? <TableSkeleton rows={3} /> : roles.data?.roles.map((r) => <RoleCard key={r.id} team={team} role={r} canManage={canManage} />)}
    </div>
  );
}
