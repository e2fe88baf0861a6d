import type { Metadata } from 'next';
import { GroupMappingsSection } from '@/components/group-mappings/group-mappings-section';
import { DeleteTeamForm } from '@/components/teams/delete-team-form';
import { TeamSettingsForm } from '@/components/teams/team-settings-form';
import { SettingsPage } from '@/components/ui/settings-page';
import { requireEntryPointPage } from '@/lib/web/page-context';
import { signInMethods } from '@/lib/web/sign-in-methods';

export const metadata: Metadata = { title: 'Team settings' };

// Its forms call updateTeam and deleteTeam: the page shows them to whoever updateTeam allows.
export default async function TeamSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await requireEntryPointPage((await params).team, 'updateTeam');
  return (
    <SettingsPage title="Team settings" description="The team's name and address, its single sign-on groups, and the danger zone.">
      <div className="max-w-xl space-y-8">
        <TeamSettingsForm team={team} />
        <GroupMappingsSection team={team.slug} ssoEnabled={signInMethods().sso !== null} />
        <DeleteTeamForm slug={team.slug} />
      </div>
    </SettingsPage>
  );
}
