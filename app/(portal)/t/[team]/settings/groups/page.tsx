import type { Metadata } from 'next';
import { GroupsPanel } from '@/components/groups/groups-panel';
import { SettingsPage } from '@/components/ui/settings-page';
import { mayCall } from '@/lib/authz/may-call';
import { loadTeamContext } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'Groups' };

// Every member may read the groups; team:manage creates, edits and deletes them and their members.
export default async function GroupsPage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await loadTeamContext((await params).team);
  return (
    <SettingsPage title="Groups" description="Groups of this team's members, which entities name as their owners.">
      <GroupsPanel team={ctx.team.slug} canManage={mayCall(ctx, 'createGroup')} />
    </SettingsPage>
  );
}
