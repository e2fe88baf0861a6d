import { redirect } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db/prisma';
import { listTeams } from '@/lib/teams/get-team';

export const dynamic = 'force-dynamic';

// The start page: straight into the first team's catalog, or a welcome when there is none.
export default async function StartPage() {
  const teams = await listTeams(getDb());
  if (teams.length > 0) redirect(`/t/${teams[0].slug}`);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader teams={teams} />
      <main className="mx-auto w-full max-w-3xl px-6 py-16">
        <EmptyState icon="👋" title="Welcome to Baseplate">
          There is no team yet. Run <code className="rounded bg-slate-100 px-1">npm run db:seed</code> for the demo catalog.
        </EmptyState>
      </main>
    </div>
  );
}
