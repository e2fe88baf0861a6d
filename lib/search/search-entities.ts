import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { withTeamReadSlot } from '@/lib/db/limit-team-reads';
import type { Db } from '@/lib/db/prisma';
import { toEntityView, type EntityView } from '@/lib/entities/entity-view';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { Prisma } from '@/lib/generated/prisma/client';
import { loadPageLinks } from '@/lib/relations/entity-links';
import { readEntityScorecards } from '@/lib/scorecards/read-entity-scorecards';
import { compileQ } from './compile-q.sql';
import { compileWhere } from './compile-where.sql';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { countUpTo, selectPage, type Total } from './search-entities.sql';
import { SEARCH_LIMITS } from './search-limits';
import { loadSearchRelations, type SearchRelations } from './search-relations';
import { loadSearchScorecards, scorecardsNamed, type SearchScorecards } from './search-scorecards';
import type { SearchRequest } from './search-types';
import { typeQuery } from './type-query';
import { usesUserGroups } from './type-owners-rule';
import { callerGroups } from '@/lib/groups/check-owners';
import { typeSort } from './type-sort';

// POST .../entities/search (and the list route, which is a search without a query): the body is
// typed by the blueprint's schema, compiled to one statement and paged by keyset.

export type SearchResult = {
  entities: EntityView[];
  next_cursor: string | null;
  /**
   * Exact when total_relation is "eq"; a lower bound ("10,000 or more") when it is "gte"; the
   * planner's estimate when counting took longer than SEARCH_LIMITS.totalTimeoutMs ("estimate").
   */
  total?: number;
  total_relation?: Total['relation'];
};

/**
 * `includeRelated`: each entity also carries `related` (its links' titles, from the same query);
 * `includeScorecards`: and `scorecards` (its live results, one more query for the page).
 */
export type SearchOptions = {
  withTotal: boolean;
  now?: Date;
  totalTimeoutMs?: number;
  includeRelated?: boolean;
  includeScorecards?: boolean;
};

/** The compiled filter of a request (query and q), for the search and the facets alike. */
export function compileFilter(
  request: Pick<SearchRequest, 'query' | 'q'>,
  schema: unknown,
  now?: Date,
  relations?: SearchRelations,
  scorecards?: SearchScorecards,
  userGroups?: readonly string[],
): Prisma.Sql {
  return Prisma.sql`${compileWhere(typeQuery(request.query, schema, now, relations, scorecards, userGroups))} AND ${compileQ(request.q)}`;
}

/**
 * The planner's estimate can be far off (a relatedTo walk is opaque to it: "3" for thousands of
 * matches); the page in hand proves at least `proven` matches, so an estimate below that becomes
 * "at least `proven`" (gte).
 */
/** The caller's groups, read only when the query names them (`{"context": "userGroups"}`); an API key has none. */
export async function loadSearchUserGroups(db: Db, ctx: TeamContext, query: SearchRequest['query']): Promise<string[]> {
  return usesUserGroups(query) ? callerGroups(db, ctx) : [];
}

export function floorEstimate(total: Total, proven: number): Total {
  return total.relation === 'estimate' && total.total < proven ? { total: proven, relation: 'gte' } : total;
}

/** The search, within the team's share of concurrent expensive reads (limit-team-reads.ts). */
export async function searchEntities(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  request: SearchRequest,
  options: SearchOptions,
): Promise<SearchResult> {
  requirePermission(ctx, 'entity:read');
  return withTeamReadSlot(db, ctx, () => runSearch(db, ctx, blueprintId, request, options));
}

async function runSearch(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  request: SearchRequest,
  options: SearchOptions,
): Promise<SearchResult> {
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  const scope = { teamId: ctx.team.id, blueprintId };
  const relations = await loadSearchRelations(db, ctx.team.id, blueprintId, request.query);
  const scorecards = await loadSearchScorecards(db, ctx.team.id, blueprintId, scorecardsNamed(request.query, request.sort), ctx);
  const userGroups = await loadSearchUserGroups(db, ctx, request.query);
  const where = compileFilter(request, blueprint.schema, options.now, relations, scorecards, userGroups);
  const sort = typeSort(request.sort, blueprint.schema, scorecards);
  const cursor = request.cursor ? decodeSearchCursor(request.cursor, sort) : null;
  const [rows, total] = await Promise.all([
    selectPage(db, scope, where, sort, cursor, request.limit),
    options.withTotal
      ? countUpTo(db, scope, where, SEARCH_LIMITS.totalCap, options.totalTimeoutMs ?? SEARCH_LIMITS.totalTimeoutMs)
      : Promise.resolve(null),
  ]);
  const more = rows.length > request.limit;
  const page = more ? rows.slice(0, request.limit) : rows;
  const last = page.at(-1);
  const next = more && last ? encodeSearchCursor(sort, { keys: sort.map((_, i) => last[`k${i}`] ?? null), id: last.id }) : null;
  // The page's links in one more query (never one per row).
  const links = await loadPageLinks(
    db,
    ctx.team.id,
    page.map((e) => e.id),
  );
  const relatedOf = (id: string) => (options.includeRelated ? (links.related.get(id) ?? {}) : undefined);
  const results = options.includeScorecards
    ? await readEntityScorecards(
        db,
        ctx,
        page.map((e) => e.id),
      )
    : null;
  const viewOf = (e: (typeof page)[number]) => {
    const view = toEntityView({ ...e, blueprintId }, links.views.get(e.id), relatedOf(e.id));
    return results ? { ...view, scorecards: results.get(e.id) ?? {} } : view;
  };
  const result: SearchResult = {
    entities: page.map(viewOf),
    next_cursor: next,
  };
  if (total !== null) {
    const floored = floorEstimate(total, page.length + (more ? 1 : 0));
    result.total = floored.total;
    result.total_relation = floored.relation;
  }
  return result;
}
