'use client';

import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api } from './api-client';

/**
 * A cursor-paginated list of the REST API (`next_cursor`), page after page with "Load more".
 * `path` already carries its own query string, if any; `pick` takes the items out of a page.
 * `keepPrevious` keeps the last result on screen while a new key (e.g. new filters) loads, so a
 * filtered table dims instead of collapsing into a skeleton (`isPlaceholderData` tells which).
 */
export function useCursorList<Page extends { next_cursor: string | null }, Item>(
  queryKey: QueryKey,
  path: string,
  pick: (page: Page) => Item[],
  options: { keepPrevious?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => {
      const separator = path.includes('?') ? '&' : '?';
      return api<Page>(`${path}${pageParam ? `${separator}cursor=${encodeURIComponent(pageParam)}` : ''}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
  return { ...query, items: query.data?.pages.flatMap(pick) ?? [] };
}
