import type { Metadata } from 'next';
import { ApiKeysPanel } from '@/components/api-keys/api-keys-panel';
import { SettingsPage } from '@/components/ui/settings-page';
import { requireEntryPointPage } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'API keys' };

// What listApiKeys allows (team:manage), since the panel loads through it; the form offers the caller's own permissions, since a key never exceeds them.
export default async function ApiKeysPage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await requireEntryPointPage((await params).team, 'listApiKeys');
  return (
    <SettingsPage
      title="API keys"
      description="Keys let scripts and CI jobs call the REST API as this team, with at most your permissions."
    >
      <ApiKeysPanel team={ctx.team.slug} allowed={[...ctx.permissions]} />
    </SettingsPage>
  );
}
