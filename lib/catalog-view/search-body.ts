import { toApiNode } from './rule-tree';
import type { ViewState } from './view-state';

// The body the table sends to POST .../entities/search for a view (API.md "Search body").

export const PAGE_SIZE = 50;

export type SearchBody = {
  /** The view's rule tree as the search route takes it (toApiNode). */
  query: unknown;
  sort?: Array<{ property: string; order: 'asc' | 'desc' }>;
  q?: string;
  limit: number;
  cursor: string | null;
};

export function searchBody(view: ViewState, limit: number = view.pageSize ?? PAGE_SIZE): SearchBody {
  const body: SearchBody = { query: toApiNode(view.query), limit, cursor: view.cursors.at(-1) ?? null };
  if (view.sort) body.sort = [view.sort];
  if (view.q.trim()) body.q = view.q.trim();
  return body;
}
