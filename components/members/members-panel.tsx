'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { MemberView } from '@/lib/members/member-service';
import type { RoleView } from '@/lib/roles/role-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { useCursorList } from '@/lib/web/use-cursor-list';
import { InvitationsPanel } from '@/components/invitations/invitations-panel';
import { grantableRoles } from '@/lib/invitations/grantable-roles';
import { AddMemberForm } from './add-member-form';
import { MemberRow } from './member-row';

type MemberPage = { members: MemberView[]; next_cursor: string | null };

// The team's members; admins (team:manage) also add, re-role and remove them, and invite people
// (`held`: the viewer's permissions, so the invite form offers only the roles it may grant).
export function MembersPanel({
  team,
  canManage,
  selfId,
  held,
}: {
  team: string;
  canManage: boolean;
  selfId: string;
  held: readonly string[];
}) {
  const members = useCursorList(queryKeys.members(team), `/teams/${team}/members?limit=100`, (p: MemberPage) => p.members);
  const roles = useQuery({ queryKey: queryKeys.roles(team), queryFn: () => api<{ roles: RoleView[] }>(`/teams/${team}/roles?limit=1000`) });
  const roleNames = roles.data?.roles.map((r) => r.name) ?? [];
  const rows = members.items;
  // One error at a time: the page shows the error of the latest action only (an add, a role change,
  // a removal), so an old refusal never stands beside a new one.
  const [acting, setActing] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      {canManage && roleNames.length > 0 && (
        <AddMemberForm team={team} roles={roleNames} active={acting === 'add'} onAct={() => setActing('add')} />
      )}
      {members.error && <ErrorBanner error={members.error} onRetry={() => members.refetch()} />}
      {members.isPending ? (
        <TableSkeleton />
      ) : (
        <DataTable columns={['Member', 'Role', 'Joined', '']}>
          {rows.map((m) => (
            <MemberRow
              key={m.user_id}
              team={team}
              member={m}
              roles={roleNames.length ? roleNames : [m.role.name]}
              canManage={canManage}
              isSelf={m.user_id === selfId}
              active={acting === m.user_id}
              onAct={() => setActing(m.user_id)}
            />
          ))}
        </DataTable>
      )}
      {members.hasNextPage && (
        <Button variant="secondary" pending={members.isFetchingNextPage} onClick={() => members.fetchNextPage()}>
          Load more
        </Button>
      )}
      {canManage && <InvitationsPanel team={team} roles={grantableRoles(roles.data?.roles ?? [], held).map((r) => r.name)} />}
    </div>
  );
}
