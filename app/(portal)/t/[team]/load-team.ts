import { cache } from 'react';
import { listBlueprintSummaries } from '@/lib/blueprints/list-blueprints';
import { getDb } from '@/lib/db/prisma';
import { listUserTeams } from '@/lib/teams/list-user-teams';
import { loadTeamContext, requireUser, unlessRefused } from '@/lib/web/page-context';

// Loaders shared by the team layout and its pages, deduplicated per request by React's cache().

export const loadTeam = cache(async (slug: string) => (await loadTeamContext(slug)).team);

export const loadMyTeams = cache(async () => listUserTeams(getDb(), (await requireUser()).userId));

/** The team's blueprints through the service (blueprint:read; a refusal rejects, as the service does). */
export const loadBlueprints = cache(async (slug: string) => listBlueprintSummaries(getDb(), await loadTeamContext(slug)));

/** A blueprint's title for a page's tab title; its id when the caller may not list blueprints. */
export async function blueprintTitle(slug: string, id: string): Promise<string> {
  const found = (await unlessRefused(loadBlueprints(slug), [])).find((b) => b.id === id);
  return found?.title ?? decodeURIComponent(id);
}
