import { createHash } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { isWellFormed } from './search-limits';
import { SQL_TYPE } from './typed-expression.sql';
import type { TypedSortKey } from './search-types';

// Opaque keyset cursors of a search: the last row's sort values (as the text PostgreSQL gave
// them: exact for numerics and microsecond instants) and its id, plus a fingerprint of the sort
// they belong to. Decoding checks every part against the sort it is used with, so a cursor from
// another sort, or an edited one, is a 400 and never reaches SQL as anything but typed parameters.

export type CursorValues = { keys: Array<string | null>; id: string };

const bad = () => new AppError('bad_request', 'cursor is not valid for this sort (pass back the next_cursor of the previous page)');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function fingerprint(sort: TypedSortKey[]): string {
  const spec = sort.map((k) => [k.prop.name, k.scalar, k.order]);
  return createHash('sha256').update(JSON.stringify(spec)).digest('base64url').slice(0, 12);
}

export function encodeSearchCursor(sort: TypedSortKey[], values: CursorValues): string {
  return Buffer.from(JSON.stringify({ s: fingerprint(sort), k: values.keys, id: values.id })).toString('base64url');
}

function validKey(value: unknown, key: TypedSortKey): value is string | null {
  if (value === null) {
    const t = key.prop.target;
    return t.source !== 'meta' || t.nullable;
  }
  if (typeof value !== 'string' || value.length > 4096 || value.includes('\u0000') || !isWellFormed(value)) return false;
  switch (SQL_TYPE[key.scalar]) {
    case 'numeric':
      return NUMERIC.test(value);
    case 'timestamptz':
      return INSTANT.test(value) && !Number.isNaN(Date.parse(value));
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'text':
      return true;
  }
}

export function decodeSearchCursor(cursor: string, sort: TypedSortKey[]): CursorValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad();
  const { s, k, id } = parsed as { s?: unknown; k?: unknown; id?: unknown };
  if (s !== fingerprint(sort) || typeof id !== 'string' || !UUID.test(id) || !Array.isArray(k) || k.length !== sort.length) throw bad();
  if (!k.every((value, i) => validKey(value, sort[i]))) throw bad();
  return { keys: k as Array<string | null>, id };
}
