'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { GroupView } from '@/lib/groups/group-service';
import { api, queryKeys } from '@/lib/web/api-client';
import { GroupCard } from './group-card';
import { GroupForm } from './group-form';

// The team's groups, one card each with its people; team:manage adds, edits and deletes them.
export function GroupsPanel({ team, canManage }: { team: string; canManage: boolean }) {
  const [creating, setCreating] = useState(false);
  const groups = useQuery({
    queryKey: queryKeys.groups(team),
    queryFn: () => api<{ groups: GroupView[] }>(`/teams/${team}/groups?limit=1000`),
  });
  const list = groups.data?.groups ?? [];
  return (
    <div className="space-y-4">
      <div className="flex min-h-9 items-center justify-between gap-4">
        <p className="text-sm text-slate-500">
          {groups.data ? `${list.length} group${list.length === 1 ? '' : 's'}. ` : ''}
          {canManage ? '' : 'Only admins can create or change groups.'}
        </p>
        {canManage && !creating && <Button onClick={() => setCreating(true)}>New group</Button>}
      </div>
      {creating && <GroupForm team={team} onDone={() => setCreating(false)} />}
      {groups.error && <ErrorBanner error={groups.error} onRetry={() => groups.refetch()} />}
      {groups.isPending ? (
        <TableSkeleton rows={3} />
      ) : list.length === 0 ? (
        !groups.error && (
          <EmptyState icon="🧑‍🤝‍🧑" title="No groups yet">
            A group names some of the team&rsquo;s members, such as &ldquo;payments&rdquo; or &ldquo;on-call&rdquo;; entities can then be
            owned by it.
          </EmptyState>
        )
      ) : (
        <ul className="space-y-3" aria-label="Groups">
          {list.map((g) => (
            <GroupCard key={g.id} team={team} group={g} canManage={canManage} />
          ))}
        </ul>
      )}
    </div>
  );
}
