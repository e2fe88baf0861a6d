import { notFound } from 'next/navigation';
import { cache } from 'react';
import { listBlueprintsWithCounts } from '@/lib/blueprints/list-blueprints';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { getTeamBySlugOrThrow, listTeams } from '@/lib/teams/get-team';

// Loaders shared by the team layout and its pages, deduplicated per request by React's cache().

export const loadTeam = cache(async (slug: string) => {
  try {
    return await getTeamBySlugOrThrow(getDb(), slug);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});

export const loadTeams = cache(() => listTeams(getDb()));

export const loadBlueprints = cache(async (slug: string) => listBlueprintsWithCounts(getDb(), (await loadTeam(slug)).id));
