import { AppError } from '@/lib/errors';
import { SEARCH_LIMITS } from './search-limits';
import type { RawSortKey } from './search-types';

// `sort` of the list route (GET .../entities?sort=-updated_at,data.version): comma-separated keys,
// a leading `-` for descending; a key is a meta-property (`created_at`, `updated_at`,
// `identifier`, `title`, `created_by`, `updated_by`, with or without `$`) or `data.<path>`.
// Absent: newest first. Typed like the search body's sort (type-sort.ts).

export const LIST_SORT_META = ['created_at', 'updated_at', 'identifier', 'title', 'created_by', 'updated_by'];

export function parseListSort(raw: string | null): RawSortKey[] {
  if (raw === null || raw === '') return [];
  const tokens = raw.split(',');
  if (tokens.length > SEARCH_LIMITS.maxSortKeys) throw new AppError('bad_request', `sort: at most ${SEARCH_LIMITS.maxSortKeys} keys`);
  return tokens.map((token, i) => {
    const order = token.startsWith('-') ? 'desc' : 'asc';
    const name = token.replace(/^[-+]/, '').trim();
    const meta = name.replace(/^\$/, '');
    const path = `sort[${i}]`;
    if (LIST_SORT_META.includes(meta)) return { property: `$${meta}`, order, path };
    if (name.startsWith('data.') && name.length > 5 && name.length <= SEARCH_LIMITS.maxPropertyLength)
      return { property: name.slice(5), order, path };
    throw new AppError(
      'bad_request',
      `unknown sort "${token.slice(0, 80)}" (sort by ${LIST_SORT_META.join(', ')} or data.<property>, "-" first for descending)`,
      { path },
    );
  });
}
