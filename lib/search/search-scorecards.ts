import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { SCORECARD_KEY_PREFIX } from '@/lib/domain/scorecard-operators';
import { loadSearchScorecardRows } from './search-scorecards.sql';
import type { RawGroup, RawNode, RawSortKey, ScorecardResults } from './search-types';

// What a search needs to know about the scorecards it names (in rules or in the sort): which
// live results to read and what their ranks and bits mean. Loaded once per search, in one query,
// only when the body names a scorecard. Passing this context is what allows scorecard rules at
// all: a scorecard's own rules and filter are typed without it, so they cannot nest scorecards.

/** Sort keys `$scorecard.<sc>` sort by the entity's level rank in that scorecard. */
export const SCORECARD_SORT_PREFIX = SCORECARD_KEY_PREFIX;

export type LiveScorecard = {
  results: ScorecardResults;
  /** Level names by rank. */
  levels: string[];
  /** Rule identifiers by bit. */
  rules: string[];
};

export type SearchScorecards = { teamId: string; byIdentifier: Map<string, LiveScorecard> };

function walk(node: RawNode, visit: (name: string) => void): void {
  if ('rules' in node) node.rules.forEach((r) => walk(r, visit));
  else if (node.scorecard) visit(node.scorecard.scorecard);
}

/** The scorecard identifiers a body names: in its rules, and in its sort keys. */
export function scorecardsNamed(query: RawGroup | null, sort: RawSortKey[]): string[] {
  const named = new Set<string>();
  if (query) walk(query, (name) => named.add(name));
  for (const key of sort) if (key.property.startsWith(SCORECARD_SORT_PREFIX)) named.add(key.property.slice(SCORECARD_SORT_PREFIX.length));
  return [...named];
}

/**
 * The named scorecards of the team's blueprint (another team's are never read: unknown, a 400
 * from the typer). Naming one takes scorecard:read of `access`, the caller's context (the
 * search's entry point has checked entity:read first).
 */
export async function loadSearchScorecards(
  db: Db,
  teamId: string,
  blueprintId: string,
  named: string[],
  access: TeamContext,
): Promise<SearchScorecards> {
  if (named.length) requirePermission(access, 'scorecard:read');
  const rows = named.length ? await loadSearchScorecardRows(db, teamId, blueprintId, named) : [];
  const byIdentifier = new Map<string, LiveScorecard>();
  for (const row of rows) {
    byIdentifier.set(row.identifier, {
      results: { teamId, scorecardId: row.id, generation: row.generation },
      levels: row.levels,
      rules: row.rules,
    });
  }
  return { teamId, byIdentifier };
}
