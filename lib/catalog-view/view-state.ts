import { PAGE_SIZES, VIEW_IDENTIFIER, type PageSize } from '@/lib/domain/saved-views';
import type { Field } from './fields';
import { cleanTree, emptyGroup, isGroup, type Group, type Node } from './rule-tree';

// The catalog table's whole view (filter tree, sort, columns, search text, page) in the URL's
// search params, so a link reproduces it. Compact on the way out; on the way in anything that does
// not fit the blueprint (a hand-edited URL, a property since removed) falls back to the default,
// never an exception.
//
//   ?q=pay&sort=-version&cols=status,version&filter={"and":[["status","=","active"]]}&size=25&view=prod&after=c1&after=c2

export type SortOrder = 'asc' | 'desc';
export type Sort = { property: string; order: SortOrder };

export type ViewState = {
  query: Group;
  /** null: the API's default order (newest first). */
  sort: Sort | null;
  /** null: the remembered or default columns. */
  columns: string[] | null;
  q: string;
  /** Rows per page (`size`); null: PAGE_SIZE. */
  pageSize: PageSize | null;
  /** The saved view open (`view`): its identifier; '' for explicitly none; null when the URL names none. */
  savedView: string | null;
  /** The cursors of the pages before this one were left behind: [page 2's cursor, page 3's, ...]. */
  cursors: string[];
};

export const DEFAULT_VIEW: ViewState = {
  query: emptyGroup(),
  sort: null,
  columns: null,
  q: '',
  pageSize: null,
  savedView: null,
  cursors: [],
};

export const MAX_Q = 200;
const MAX_CURSORS = 200;
const MAX_CURSOR_LENGTH = 2000;

/** Sorting an array or an object field means nothing to a person; the search sorts no field through a relation. */
export function sortable(field: Field): boolean {
  // The search route sorts by scalars only (lib/search/type-sort.ts), and by scorecard levels.
  return (field.type?.kind === 'scalar' && !field.via) || field.kind === 'scorecardLevel';
}

/** What can be a column: not objects, not the fields one hop away (a relation is its own column). */
export function columnable(field: Field): boolean {
  return field.kind !== 'object' && field.kind !== 'related' && field.kind !== 'scorecardRule' && (!field.via || field.kind === 'relation');
}

// Compact form: a group is {"and": [...]} or {"or": [...]}, a rule is [property, operator, value?].
type Compact = { and: CompactNode[] } | { or: CompactNode[] };
type CompactNode = Compact | [string, string] | [string, string, unknown];

function toCompact(node: Node): CompactNode {
  if (isGroup(node)) return (node.combinator === 'or' ? { or: node.rules.map(toCompact) } : { and: node.rules.map(toCompact) }) as Compact;
  return node.value === undefined ? [node.property, node.operator] : [node.property, node.operator, node.value];
}

function fromCompact(raw: unknown, depth = 0): unknown {
  if (depth > 5) return null;
  if (Array.isArray(raw)) {
    const [property, operator, value] = raw;
    return raw.length === 2 || raw.length === 3 ? { property, operator, ...(raw.length === 3 && { value }) } : null;
  }
  if (raw && typeof raw === 'object') {
    const entries = Object.entries(raw);
    if (entries.length !== 1) return null;
    const [combinator, rules] = entries[0];
    if ((combinator !== 'and' && combinator !== 'or') || !Array.isArray(rules)) return null;
    return { combinator, rules: rules.map((r) => fromCompact(r, depth + 1)) };
  }
  return null;
}

export function encodeFilter(tree: Group): string | null {
  return tree.rules.length === 0 ? null : JSON.stringify(toCompact(tree));
}

export function decodeFilter(raw: string | null, fields: Field[]): Group {
  if (!raw || raw.length > 20_000) return emptyGroup();
  try {
    return cleanTree(fromCompact(JSON.parse(raw)), fields);
  } catch {
    return emptyGroup();
  }
}

export function decodeSort(raw: string | null, fields: Field[]): Sort | null {
  if (!raw) return null;
  const order: SortOrder = raw.startsWith('-') ? 'desc' : 'asc';
  const property = raw.replace(/^[-+]/, '');
  const field = fields.find((f) => f.key === property);
  return field && sortable(field) ? { property, order } : null;
}

export function encodeSort(sort: Sort | null): string | null {
  return sort ? `${sort.order === 'desc' ? '-' : ''}${sort.property}` : null;
}

export function decodeColumns(raw: string | null, fields: Field[]): string[] | null {
  if (raw === null) return null;
  const known = new Set(fields.filter(columnable).map((f) => f.key));
  const picked = [...new Set(raw.split(',').filter((k) => known.has(k)))];
  return picked.length ? picked : null;
}

function decodePageSize(raw: string | null): PageSize | null {
  const n = Number(raw);
  return (PAGE_SIZES as readonly number[]).includes(n) ? (n as PageSize) : null;
}

function decodeSavedView(raw: string | null): string | null {
  if (raw === null) return null;
  return raw === '' || VIEW_IDENTIFIER.test(raw) ? raw : null;
}

type Params = { get(name: string): string | null; getAll(name: string): string[] };

export function decodeView(params: Params, fields: Field[]): ViewState {
  const cursors = params.getAll('after').filter((c) => c !== '' && c.length <= MAX_CURSOR_LENGTH);
  return {
    query: decodeFilter(params.get('filter'), fields),
    sort: decodeSort(params.get('sort'), fields),
    columns: decodeColumns(params.get('cols'), fields),
    q: (params.get('q') ?? '').slice(0, MAX_Q),
    pageSize: decodePageSize(params.get('size')),
    savedView: decodeSavedView(params.get('view')),
    cursors: cursors.length > MAX_CURSORS ? [] : cursors,
  };
}

/** The view as search params, defaults left out (so the plain page has a plain URL). */
export function encodeView(view: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set('q', view.q);
  const sort = encodeSort(view.sort);
  if (sort) params.set('sort', sort);
  if (view.columns) params.set('cols', view.columns.join(','));
  const filter = encodeFilter(view.query);
  if (filter) params.set('filter', filter);
  if (view.pageSize) params.set('size', String(view.pageSize));
  if (view.savedView !== null) params.set('view', view.savedView);
  for (const c of view.cursors) params.append('after', c);
  return params;
}

export function viewHref(path: string, view: ViewState): string {
  const search = encodeView(view).toString();
  return search ? `${path}?${search}` : path;
}

/** A change of query, sort, search text or page size starts again at the first page. */
export function withChange(view: ViewState, change: Partial<Omit<ViewState, 'cursors'>>): ViewState {
  const resets = 'query' in change || 'sort' in change || 'q' in change || 'pageSize' in change;
  return { ...view, ...change, cursors: resets ? [] : view.cursors };
}

/** Header click: unsorted or descending -> ascending; ascending -> descending. Another column starts ascending. */
export function nextSort(current: Sort | null, property: string): Sort {
  if (current?.property === property && current.order === 'asc') return { property, order: 'desc' };
  return { property, order: 'asc' };
}
