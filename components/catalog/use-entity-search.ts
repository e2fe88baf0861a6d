'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchBody } from '@/lib/catalog-view/search-body';
import { toApiNode, type Group } from '@/lib/catalog-view/rule-tree';
import type { EntityView } from '@/lib/entities/entity-view';
import { api, queryKeys } from '@/lib/web/api-client';

export type SearchPage = {
  entities: EntityView[];
  next_cursor: string | null;
  total: number;
  /** "gte" when the count stopped at the cap (the total is a lower bound). */
  total_relation?: 'eq' | 'gte' | 'estimate';
};

export type FacetValues = { values: Array<{ value: string | number | boolean | null; count: number }> };

/** What the entities of a page carry besides themselves (?include=): for relation and scorecard columns. */
export type SearchInclude = 'related' | 'scorecards';

/**
 * One page of the search; the previous page stays on screen (dimmed) while the next loads.
 * `include`: `related` (linked entities' titles) for relation columns, `scorecards` (levels) for
 * scorecard columns.
 */
export function useEntitySearch(team: string, blueprint: string, body: SearchBody, include: SearchInclude[] = []) {
  const query = include.length ? `?include=${include.join(',')}` : '';
  return useQuery({
    queryKey: queryKeys.entitySearch(team, blueprint, { ...body, include }),
    queryFn: () =>
      api<SearchPage>(`/teams/${team}/blueprints/${encodeURIComponent(blueprint)}/entities/search${query}`, { method: 'POST', body }),
    placeholderData: keepPreviousData,
  });
}

/** A facet's values with counts under `query` (the caller leaves out the facet's own rule: withoutFacetRule). */
export function useFacet(team: string, blueprint: string, property: string, query: Group, q: string) {
  const params = new URLSearchParams({ property, limit: '10' });
  if (query.rules.length) params.set('query', JSON.stringify(toApiNode(query)));
  if (q.trim()) params.set('q', q.trim());
  return useQuery({
    queryKey: queryKeys.facets(team, blueprint, property, params.toString()),
    queryFn: () => api<FacetValues>(`/teams/${team}/blueprints/${encodeURIComponent(blueprint)}/facets?${params}`),
    placeholderData: keepPreviousData,
  });
}
