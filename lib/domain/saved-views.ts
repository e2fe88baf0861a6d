// Saved views of the catalog table (API.md "Saved views"): the rules both sides agree on, the
// server's body checks and the browser's "Views" control alike. Isomorphic: no server import.

/** A view's identifier: lower case, digits, `-` and `_`, starting with a letter (it goes in `?view=`). */
export const VIEW_IDENTIFIER = /^[a-z][a-z0-9_-]{0,49}$/;

/** The page sizes the catalog table offers; a view's `page_size` is one of them. */
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const VIEW_LIMITS = {
  /** Views per blueprint per person (their private ones), and shared ones per blueprint. */
  maxPerOwner: 100,
  titleLength: 100,
  maxColumns: 50,
  columnLength: 200,
} as const;

/** A view as the API takes it (POST body; PUT without `identifier`). */
export type SavedViewInput = {
  identifier: string;
  title: string;
  shared?: boolean;
  default?: boolean;
  query?: Record<string, unknown> | null;
  sort?: Array<{ property: string; order?: 'asc' | 'desc' }> | null;
  columns?: string[] | null;
  page_size?: PageSize | null;
};

/** An identifier suggested from a title ("Prod services!" -> "prod-services"), valid or empty. */
export function viewIdentifierOf(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return VIEW_IDENTIFIER.test(slug) ? slug : '';
}
