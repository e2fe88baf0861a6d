import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { likePattern } from './compile-where.sql';
import { parseListSort } from './parse-list-sort';
import { SCHEMA } from './random-search.test-support';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { typeSort } from './type-sort';

const ID = '0b7c6a2e-1f00-4a7e-9a55-3c1c1e9d0a01';
const sort = typeSort(
  [
    { property: 'n', order: 'asc', path: 'sort[0]' },
    { property: '$created_at', order: 'desc', path: 'sort[1]' },
  ],
  SCHEMA,
);

function refused(cursor: string, s = sort) {
  try {
    decodeSearchCursor(cursor, s);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bad_request');
    return (error as AppError).message;
  }
  throw new Error('accepted');
}

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('search cursors', () => {
  it('round-trip the sort values and id', () => {
    const values = { keys: ['2.5', '2026-03-01T00:00:00.123456Z'], id: ID };
    expect(decodeSearchCursor(encodeSearchCursor(sort, values), sort)).toEqual(values);
    const withNull = { keys: [null, '2026-03-01T00:00:00.000000Z'], id: ID };
    expect(decodeSearchCursor(encodeSearchCursor(sort, withNull), sort)).toEqual(withNull);
  });

  it("refuse garbage, edited values and another sort's cursor with a 400", () => {
    const good = encodeSearchCursor(sort, { keys: ['2.5', '2026-03-01T00:00:00.123456Z'], id: ID });
    const s = (JSON.parse(Buffer.from(good, 'base64url').toString()) as { s: string }).s;
    expect(refused('not a cursor')).toContain('cursor is not valid');
    expect(refused('')).toContain('cursor is not valid');
    expect(refused(raw({ s, k: ['1); drop table entities; --', '2026-03-01T00:00:00.000000Z'], id: ID }))).toContain('cursor');
    expect(refused(raw({ s, k: ['1', 'yesterday'], id: ID }))).toContain('cursor');
    expect(refused(raw({ s, k: ['1', null], id: ID }))).toContain('cursor'); // created_at is never NULL
    expect(refused(raw({ s, k: ['1'], id: ID }))).toContain('cursor');
    expect(refused(raw({ s, k: ['1', '2026-03-01T00:00:00.000000Z'], id: 'x' }))).toContain('cursor');
    expect(refused(raw({ s, k: [1, '2026-03-01T00:00:00.000000Z'], id: ID }))).toContain('cursor');
    const other = typeSort(
      [
        { property: 's', order: 'asc', path: 'sort[0]' },
        { property: '$created_at', order: 'desc', path: 'sort[1]' },
      ],
      SCHEMA,
    );
    expect(refused(good, other)).toContain('cursor');
  });
});

describe('list sort parameter', () => {
  it('reads comma-separated keys with - for descending', () => {
    expect(parseListSort('-created_at,title,data.meta.level')).toEqual([
      { property: '$created_at', order: 'desc', path: 'sort[0]' },
      { property: '$title', order: 'asc', path: 'sort[1]' },
      { property: 'meta.level', order: 'asc', path: 'sort[2]' },
    ]);
    expect(parseListSort(null)).toEqual([]);
  });

  it('refuses unknown keys', () => {
    expect(() => parseListSort('nope')).toThrow(/unknown sort "nope"/);
    expect(() => parseListSort('data.')).toThrow(/unknown sort/);
  });
});

describe('likePattern', () => {
  it('escapes LIKE metacharacters so a value matches literally', () => {
    expect(likePattern('100%_a\\b', 'contains')).toBe('%100\\%\\_a\\\\b%');
    expect(likePattern('x', 'beginsWith')).toBe('x%');
    expect(likePattern('x', 'endsWith')).toBe('%x');
  });
});
