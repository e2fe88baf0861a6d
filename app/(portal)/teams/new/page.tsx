import type { Metadata } from 'next';
import { AppHeader } from '@/components/layout/app-header';
import { CreateTeamForm } from '@/components/teams/create-team-form';
import { getDb } from '@/lib/db/prisma';
import { listUserTeams } from '@/lib/teams/list-user-teams';
import { requireUser } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'Create a team' };
export const dynamic = 'force-dynamic';

export default async function NewTeamPage() {
  const user = await requireUser();
  const teams = await listUserTeams(getDb(), user.userId);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader user={user} teams={teams} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-lg px-6 py-12 focus:outline-none">
        <h1 className="text-2xl font-semibold tracking-tight">Create a team</h1>
        <p className="mb-6 mt-1 text-sm text-slate-500">
          A team owns its catalog, its members and its API keys. You will be its admin.
          {teams.length === 0 && ' You are not in any team yet: create one, or ask an admin to add you to theirs.'}
        </p>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <CreateTeamForm />
        </div>
      </main>
    </div>
  );
}
