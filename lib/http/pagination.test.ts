import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { decodeCursor } from './cursor';
import { afterCursor, parsePageParams, toPage, uuidParam } from './pagination';

const url = (query: string) => new URL(`http://localhost/api/v1/x${query}`);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parsePageParams', () => {
  it('defaults to 50 and no cursor', () => {
    expect(parsePageParams(url(''))).toEqual({ limit: 50, cursor: null });
    expect(parsePageParams(url('?cursor='))).toEqual({ limit: 50, cursor: null });
  });

  it('accepts 1..1000 and passes the cursor through', () => {
    expect(parsePageParams(url('?limit=1&cursor=abc'))).toEqual({ limit: 1, cursor: 'abc' });
    expect(parsePageParams(url('?limit=1000')).limit).toBe(1000);
  });

  it.each(['0', '1001', 'x', '1.5', '-1', ''])('refuses limit=%j with 400 naming it', (raw) => {
    const error = thrown(() => parsePageParams(url(`?limit=${raw}`)));
    expect(error.code).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.message).toContain('limit');
    expect(error.message).toContain(`"${raw}"`);
  });

  it('honours a route-specific maximum', () => {
    expect(parsePageParams(url('?limit=10'), { limit: 5, max: 10 }).limit).toBe(10);
    expect(parsePageParams(url(''), { limit: 5, max: 10 }).limit).toBe(5);
    expect(thrown(() => parsePageParams(url('?limit=11'), { limit: 5, max: 10 })).status).toBe(400);
  });
});

describe('uuidParam', () => {
  it('returns a UUID in lowercase', () => {
    expect(uuidParam('9F1C2D3E-4A5B-4C6D-8E7F-001122334455', 'member')).toBe('9f1c2d3e-4a5b-4c6d-8e7f-001122334455');
  });

  it.each(['42', 'not-a-uuid', "1' OR '1'='1", '9f1c2d3e-4a5b-4c6d-8e7f-00112233445', ''])('is a 404 for %j (never a 500)', (value) => {
    const error = thrown(() => uuidParam(value, 'member'));
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toBe('member not found');
  });
});

describe('afterCursor and toPage', () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
  }));

  it('is no condition without a cursor', () => {
    expect(afterCursor(null, 'asc')).toEqual({});
    expect(afterCursor(undefined, 'desc')).toEqual({});
    expect(afterCursor('', 'desc')).toEqual({});
  });

  it('splits limit + 1 rows into a page and the cursor of its last row', () => {
    const page = toPage(rows.slice(0, 3), 2);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!, 2)).toEqual([rows[1].createdAt.toISOString(), rows[1].id]);
  });

  it('has no next cursor on the last page (exactly limit rows, fewer, none)', () => {
    expect(toPage(rows.slice(0, 2), 2)).toEqual({ items: rows.slice(0, 2), nextCursor: null });
    expect(toPage(rows.slice(0, 1), 2)).toEqual({ items: rows.slice(0, 1), nextCursor: null });
    expect(toPage([], 2)).toEqual({ items: [], nextCursor: null });
  });

  it('turns the cursor back into a keyset condition on (created_at, id): after it in ascending order', () => {
    const { nextCursor } = toPage(rows.slice(0, 3), 2);
    const last = rows[1];
    expect(afterCursor(nextCursor, 'asc')).toEqual({
      OR: [{ createdAt: { gt: last.createdAt } }, { createdAt: last.createdAt, id: { gt: last.id } }],
    });
  });

  it('and before it in descending order', () => {
    const { nextCursor } = toPage(rows.slice(0, 3), 2);
    const last = rows[1];
    expect(afterCursor(nextCursor, 'desc')).toEqual({
      OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }],
    });
  });

  it('refuses a cursor that does not decode, or decodes to a bad date, with 400', () => {
    expect(thrown(() => afterCursor('garbage!', 'asc')).code).toBe('bad_request');
    const badDate = Buffer.from(JSON.stringify(['not a date', rows[0].id])).toString('base64url');
    expect(thrown(() => afterCursor(badDate, 'asc')).code).toBe('bad_request');
    const wrongArity = Buffer.from(JSON.stringify([rows[0].createdAt.toISOString()])).toString('base64url');
    expect(thrown(() => afterCursor(wrongArity, 'desc')).code).toBe('bad_request');
  });

  const encode = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

  it.each([
    ['an id that is not a UUID', ['2024-01-01T00:00:00.000Z', 'not-a-uuid']],
    ['an id that is a number', ['2024-01-01T00:00:00.000Z', 42]],
    ['a NUL in the id', ['2024-01-01T00:00:00.000Z', '00000000-0000-0000-0000-00000000000\u0000']],
    ['year 0000', ['0000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000001']],
    ['a time past 9999', ['+010000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000001']],
  ])('refuses a cursor with %s with 400', (_what, values) => {
    expect(thrown(() => afterCursor(encode(values), 'desc')).code).toBe('bad_request');
  });

  it('takes another kind of id when the table says so (blueprint ids)', () => {
    const cursor = encode(['2024-01-01T00:00:00.000Z', 'service']);
    expect(thrown(() => afterCursor(cursor, 'asc')).code).toBe('bad_request');
    expect(afterCursor(cursor, 'asc', (id) => /^[a-z]+$/.test(id))).toHaveProperty('OR');
  });
});
