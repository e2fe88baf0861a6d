import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor } from './cursor';
import { isStorableDate } from './query-params';
import { isUuid } from '@/lib/domain/uuid';

// Cursor pagination of API.md: `limit` 1..1000 (default 50) and an opaque `cursor`; responses
// carry `next_cursor` (null on the last page). Keyset on (created_at, id), never OFFSET.

export type PageParams = { limit: number; cursor: string | null };

export function parsePageParams(url: URL, defaults = { limit: 50, max: 1000 }): PageParams {
  const raw = url.searchParams.get('limit');
  const limit = raw === null ? defaults.limit : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > defaults.max) {
    throw new AppError('bad_request', `limit must be an integer from 1 to ${defaults.max}, got "${raw}"`);
  }
  return { limit, cursor: url.searchParams.get('cursor') || null };
}

type Keyed = { createdAt: Date; id: string };

/**
 * Prisma `where` for the rows after `cursor` in (created_at, id) order. A cursor is the client's
 * text: an id that is not of the table's kind (`isId`, a UUID unless the table says otherwise) or
 * a time outside what the database stores would fail in PostgreSQL (a 500): it is a 400 here.
 */
export function afterCursor(cursor: string | null | undefined, order: 'asc' | 'desc', isId: (id: string) => boolean = isUuid) {
  if (!cursor) return {};
  const [at, id] = decodeCursor(cursor, 2);
  const createdAt = new Date(String(at));
  if (typeof at !== 'string' || typeof id !== 'string' || !isStorableDate(createdAt) || !isId(id)) {
    throw new AppError('bad_request', 'cursor is not valid (pass back the next_cursor of the previous page)');
  }
  const op = order === 'desc' ? 'lt' : 'gt';
  return { OR: [{ createdAt: { [op]: createdAt } }, { createdAt, id: { [op]: String(id) } }] };
}

/** Splits the `limit + 1` rows fetched into the page and the cursor of the next one. */
export function toPage<T extends Keyed>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/** An id from the URL: anything that is not a UUID cannot exist, so it is a 404 (never a 500). */
export function uuidParam(value: string, what: string): string {
  if (!isUuid(value)) throw new AppError('not_found', `${what} not found`);
  return value.toLowerCase();
}
