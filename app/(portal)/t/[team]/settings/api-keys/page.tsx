import type { Metadata } from 'next';
import { ApiKeysPanel } from '@/components/api-keys/api-keys-panel';
import { SettingsPage } from '@/components/ui/settings-page';
import { requireTeamPermission } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'API keys' };

// team:manage only; the form offers the caller's own permissions, since a key never exceeds them.
export default async function ApiKeysPage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await requireTeamPermission((await params).team, 'team:manage');
  return (
    <SettingsPage title="API keys" description="Keys let scripts and CI jobs call the REST API as this team, with at most your permissions.">
      <ApiKeysPanel team={ctx.team.slug} allowed={[...ctx.permissions]} />
    </SettingsPage>
  );
}
