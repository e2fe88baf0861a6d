'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { MemberView } from '@/lib/members/member-service';
import type { RoleView } from '@/lib/roles/role-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { AddMemberForm } from './add-member-form';
import { MemberRow } from './member-row';

type MemberPage = { members: MemberView[]; next_cursor: string | null };

// The team's members; admins (team:manage) also add, re-role and remove them.
export function MembersPanel({ team, canManage, selfId }: { team: string; canManage: boolean; selfId: string }) {
  const members = useInfiniteQuery({
    queryKey: queryKeys.members(team),
    queryFn: ({ pageParam }) => api<MemberPage>(`/teams/${team}/members?limit=100${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const roles = useQuery({ queryKey: queryKeys.roles(team), queryFn: () => api<{ roles: RoleView[] }>(`/teams/${team}/roles?limit=1000`) });
  const roleNames = roles.data?.roles.map((r) => r.name) ?? [];
  const rows = members.data?.pages.flatMap((p) => p.members) ?? [];

  return (
    <div className="space-y-4">
      {canManage && roleNames.length > 0 && <AddMemberForm team={team} roles={roleNames} />}
      {members.error && <ErrorBanner error={members.error} onRetry={() => members.refetch()} />}
      {members.isPending ? (
        <TableSkeleton />
      ) : (
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Member</th>
                <th scope="col" className="px-4 py-3">Role</th>
                <th scope="col" className="px-4 py-3">Joined</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <MemberRow key={m.user_id} team={team} member={m} roles={roleNames.length ? roleNames : [m.role.name]} canManage={canManage} isSelf={m.user_id === selfId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {members.hasNextPage && (
        <Button variant="secondary" pending={members.isFetchingNextPage} onClick={() => members.fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}
