import type { Metadata } from 'next';
import { RolesPanel } from '@/components/roles/roles-panel';
import { SettingsPage } from '@/components/ui/settings-page';
import { mayCall } from '@/lib/authz/may-call';
import { loadTeamContext } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'Roles' };

// Every member may read the roles; team:manage creates and edits custom ones.
export default async function RolesPage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await loadTeamContext((await params).team);
  return (
    <SettingsPage
      title="Roles"
      description="What each role may do in this team. Admin, editor and viewer are built in; custom roles are made of ticked permissions."
    >
      <RolesPanel team={ctx.team.slug} canManage={mayCall(ctx, 'createRole')} />
    </SettingsPage>
  );
}
