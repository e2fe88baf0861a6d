import { cache } from 'react';
import { listBlueprintsWithCounts } from '@/lib/blueprints/list-blueprints';
import { getDb } from '@/lib/db/prisma';
import { listUserTeams } from '@/lib/teams/list-user-teams';
import { loadTeamContext, requireUser } from '@/lib/web/page-context';

// Loaders shared by the team layout and its pages, deduplicated per request by React's cache().

export const loadTeam = cache(async (slug: string) => (await loadTeamContext(slug)).team);

export const loadMyTeams = cache(async () => listUserTeams(getDb(), (await requireUser()).userId));

export const loadBlueprints = cache(async (slug: string) => listBlueprintsWithCounts(getDb(), (await loadTeamContext(slug)).team.id));
