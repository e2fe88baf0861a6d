import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { QuickSearch } from '@/components/layout/quick-search';
import { SideNav } from '@/components/layout/side-nav';
import { mayCall } from '@/lib/authz/may-call';
import { getDb } from '@/lib/db/prisma';
import { listTeamViews } from '@/lib/saved-views/list-team-views';
import { loadTeamContext, requireUser, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints, loadMyTeams } from './load-team';

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const [user, ctx, teams] = await Promise.all([requireUser(), loadTeamContext(slug), loadMyTeams()]);
  // The service decides whether the caller sees the blueprints; without blueprint:read the nav has none.
  const blueprints = await unlessRefused(loadBlueprints(slug), []);
  // The saved views the caller sees, all blueprints in one query (entity:read; none without it).
  const views = await unlessRefused(listTeamViews(getDb(), ctx), []);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader
        user={user}
        teams={teams}
        current={ctx.team}
        search={
          <QuickSearch
            team={ctx.team.slug}
            blueprints={blueprints.map((b) => ({ id: b.id, title: b.title, icon: b.icon }))}
            canSearchEntities={mayCall(ctx, 'searchTeamEntities')}
          />
        }
      />
      <div className="flex flex-1">
        <SideNav teamSlug={ctx.team.slug} blueprints={blueprints} views={views} permissions={[...ctx.permissions]} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-8 py-6 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
