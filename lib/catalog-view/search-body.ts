import type { Group } from './rule-tree';
import type { ViewState } from './view-state';

// The body the table sends to POST .../entities/search for a view (API.md "Search body").

export const PAGE_SIZE = 50;

export type SearchBody = {
  query: Group;
  sort?: Array<{ property: string; order: 'asc' | 'desc' }>;
  q?: string;
  limit: number;
  cursor: string | null;
};

export function searchBody(view: ViewState, limit = PAGE_SIZE): SearchBody {
  const body: SearchBody = { query: view.query, limit, cursor: view.cursors.at(-1) ?? null };
  if (view.sort) body.sort = [view.sort];
  if (view.q.trim()) body.q = view.q.trim();
  return body;
}

/** The search body of the facet route: the same query and text. */
export function facetQuery(view: ViewState): string {
  return JSON.stringify(view.query);
}
