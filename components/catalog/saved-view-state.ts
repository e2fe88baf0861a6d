import { fromApiTree } from '@/components/scorecards/scorecard-query';
import type { Field } from '@/lib/catalog-view/fields';
import { cleanTree, countRules, toApiNode } from '@/lib/catalog-view/rule-tree';
import { decodeColumns, decodeSort, encodeSort, type ViewState } from '@/lib/catalog-view/view-state';
import { PAGE_SIZES, type PageSize, type SavedViewInput } from '@/lib/domain/saved-views';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';
import { PAGE_SIZE } from '@/lib/catalog-view/search-body';

// Between a saved view (API.md "Saved views") and the catalog table's view state: opening a view
// sets the table to it (what no longer fits the blueprint falls away, as for a hand-edited URL),
// saving sends the table's state, and "modified" compares the two in the API's form.

/** The part of a view the table saves: its filter, sort, columns and page size. */
export type SavedPart = Pick<SavedViewInput, 'query' | 'sort' | 'columns' | 'page_size'>;

/** The table's state for `saved`, on its first page; the page size always written (see catalog-table.tsx). */
export function applySavedView(saved: SavedViewView, fields: Field[], current: ViewState): ViewState {
  const first = saved.sort[0];
  return {
    ...current,
    query: cleanTree(fromApiTree(saved.query as never), fields),
    sort: first ? decodeSort(encodeSort({ property: first.property, order: first.order }), fields) : null,
    columns: saved.columns ? decodeColumns(saved.columns.join(','), fields) : null,
    pageSize: (saved.page_size ?? PAGE_SIZE) as PageSize,
    savedView: saved.identifier,
    cursors: [],
  };
}

/** A URL with no state of its own: `?view=x` alone, or the plain blueprint URL. */
const isPlain = (v: ViewState) =>
  countRules(v.query) === 0 && !v.sort && !v.columns && !v.pageSize && !v.q.trim() && v.cursors.length === 0;

/**
 * The view a URL asks to open, once the views are known: `?view=x` alone opens x; the plain URL
 * opens the blueprint's default; `?view=` (empty) and a URL with state of its own open nothing.
 * Opening writes the view's state with its page size, so from then on the URL always carries
 * state and later changes (even clearing every filter) stay changes of the view.
 */
export function viewToOpen(view: ViewState, views: SavedViewView[] | undefined): SavedViewView | null {
  if (!views || view.savedView === '' || !isPlain(view)) return null;
  return (view.savedView === null ? views.find((v) => v.default) : views.find((v) => v.identifier === view.savedView)) ?? null;
}

/** What saving the table's state sends. `columns`: the columns shown when the person chose them. */
export function savedPartOf(view: ViewState, columns: string[] | null): SavedPart {
  return {
    query: view.query.rules.length ? (toApiNode(view.query) as Record<string, unknown>) : null,
    sort: view.sort ? [view.sort] : [],
    columns,
    page_size: view.pageSize && PAGE_SIZES.includes(view.pageSize) ? view.pageSize : null,
  };
}

/** JSON with object keys sorted: the server stores the query as JSONB, which orders keys its own way. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const normal = (part: SavedPart) =>
  canonical({
    query: part.query && (part.query as { rules?: unknown[] }).rules?.length ? part.query : null,
    sort: part.sort ?? [],
    columns: part.columns ?? null,
    page_size: part.page_size ?? PAGE_SIZE,
  });

/** Whether the table's state differs from the saved view (the "Modified" mark). */
export function differsFromSaved(saved: SavedViewView, current: SavedPart): boolean {
  return normal({ query: saved.query, sort: saved.sort, columns: saved.columns, page_size: saved.page_size }) !== normal(current);
}
