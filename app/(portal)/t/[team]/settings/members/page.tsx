import type { Metadata } from 'next';
import { MembersPanel } from '@/components/members/members-panel';
import { SettingsPage } from '@/components/ui/settings-page';
import { mayCall } from '@/lib/authz/may-call';
import { loadTeamContext } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'Members' };

// Every member may see who is in the team; only team:manage may change it.
export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await loadTeamContext((await params).team);
  const canManage = mayCall(ctx, 'addMember');
  return (
    <SettingsPage
      title="Members"
      description={
        canManage ? 'Who is in the team, and what their role lets them do.' : 'Who is in the team. Ask an admin to change members or roles.'
      }
    >
      <MembersPanel
        team={ctx.team.slug}
        canManage={canManage}
        selfId={ctx.actor.kind === 'user' ? ctx.actor.userId : ''}
        held={[...ctx.permissions]}
      />
    </SettingsPage>
  );
}
