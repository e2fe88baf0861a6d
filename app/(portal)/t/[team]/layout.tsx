import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { SideNav } from '@/components/layout/side-nav';
import { loadBlueprints, loadTeam, loadTeams } from './load-team';

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const [team, teams, blueprints] = await Promise.all([loadTeam(slug), loadTeams(), loadBlueprints(slug)]);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader teams={teams} current={team} />
      <div className="flex flex-1">
        <SideNav teamSlug={team.slug} blueprints={blueprints} />
        <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
