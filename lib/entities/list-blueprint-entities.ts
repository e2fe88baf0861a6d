import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import type { PageParams } from '@/lib/http/pagination';
import { searchEntities } from '@/lib/search/search-entities';
import type { RawSortKey } from '@/lib/search/search-types';

/**
 * GET .../entities: one page of the blueprint's entities as API views, newest first unless
 * `sort` says otherwise, filtered by `q`: a search without a query (lib/search), so the list and
 * the search share one compiler, one cursor format and one set of indexes.
 */
export async function listBlueprintEntities(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  page: PageParams,
  options: { sort?: RawSortKey[]; q?: string | null; includeRelated?: boolean; includeScorecards?: boolean } = {},
) {
  requirePermission(ctx, 'entity:read');
  const { entities, next_cursor } = await searchEntities(
    db,
    ctx,
    blueprintId,
    { query: null, sort: options.sort ?? [], q: options.q ?? null, limit: page.limit, cursor: page.cursor },
    { withTotal: false, includeRelated: options.includeRelated, includeScorecards: options.includeScorecards },
  );
  return { entities, next_cursor };
}
