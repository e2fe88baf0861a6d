import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { withTeamReadSlot } from '@/lib/db/limit-team-reads';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { quickSearchRow, quickSearchSql, type QuickSearchRow } from './quick-search.sql';

// Quick search (Ctrl/Cmd-K): a handful of the team's entities whose identifier or title holds
// the text, best match first. Bounded on both ends: a short `q` and at most 20 results.

export const QUICK_SEARCH_MAX_Q = 200;
export const QUICK_SEARCH_MAX_LIMIT = 20;

export type QuickSearchResult = QuickSearchRow;

export function parseQuickSearchParams(url: URL): { q: string; limit: number } {
  const q = (url.searchParams.get('q') ?? '').trim();
  if (!q) throw new AppError('bad_request', 'q is required: the text to look for in identifiers and titles');
  if (q.length > QUICK_SEARCH_MAX_Q)
    throw new AppError('bad_request', `q must be at most ${QUICK_SEARCH_MAX_Q} characters, got ${q.length}`);
  const raw = url.searchParams.get('limit');
  const limit = raw === null ? 10 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > QUICK_SEARCH_MAX_LIMIT) {
    throw new AppError('bad_request', `limit must be an integer from 1 to ${QUICK_SEARCH_MAX_LIMIT}, got "${raw}"`);
  }
  return { q, limit };
}

/** Within the team's share of concurrent expensive reads (lib/db/limit-team-reads.ts). */
export async function searchTeamEntities(db: Db, ctx: TeamContext, input: { q: string; limit: number }): Promise<QuickSearchResult[]> {
  requirePermission(ctx, 'entity:read');
  return withTeamReadSlot(db, ctx, () => runSql(db, quickSearchSql(ctx.team.id, input.q, input.limit), quickSearchRow));
}
