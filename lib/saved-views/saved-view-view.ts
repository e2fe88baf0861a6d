import type { PageSize } from '@/lib/domain/saved-views';

// The API's view of a saved view (API.md "Saved views"): snake_case, RFC 3339. `owner_id` is null
// for a shared view; `mine` says whether it is the caller's own private view.

export type SavedViewView = {
  identifier: string;
  blueprint: string;
  title: string;
  shared: boolean;
  default: boolean;
  owner_id: string | null;
  query: Record<string, unknown> | null;
  sort: Array<{ property: string; order: 'asc' | 'desc' }>;
  columns: string[] | null;
  page_size: PageSize | null;
  created_at: string;
  updated_at: string;
};

export type SavedViewRow = {
  id: string;
  blueprintId: string;
  identifier: string;
  title: string;
  ownerId: string | null;
  isDefault: boolean;
  query: unknown;
  sort: unknown;
  columns: unknown;
  pageSize: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toSavedViewView(row: SavedViewRow): SavedViewView {
  return {
    identifier: row.identifier,
    blueprint: row.blueprintId,
    title: row.title,
    shared: row.ownerId === null,
    default: row.isDefault,
    owner_id: row.ownerId,
    query: (row.query ?? null) as SavedViewView['query'],
    sort: (row.sort ?? []) as SavedViewView['sort'],
    columns: (row.columns ?? null) as string[] | null,
    page_size: row.pageSize as PageSize | null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The body form of a view (what a PUT sends), which a PATCH merges into. */
export function bodyOf(view: SavedViewView) {
  const { identifier, title, shared, query, sort, columns, page_size } = view;
  return { identifier, title, shared, default: view.default, query, sort, columns, page_size };
}
