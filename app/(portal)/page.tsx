import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/prisma';
import { listUserTeams } from '@/lib/teams/list-user-teams';
import { requireUser } from '@/lib/web/page-context';

export const dynamic = 'force-dynamic';

// The start page: sign in first; then straight into your first team, or create one.
export default async function StartPage() {
  const user = await requireUser();
  const teams = await listUserTeams(getDb(), user.userId, 1);
  redirect(teams.length > 0 ? `/t/${teams[0].slug}` : '/teams/new');
}
