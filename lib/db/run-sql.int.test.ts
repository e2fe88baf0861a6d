import { describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/generated/prisma/client';
import { testDb } from '@/lib/test/database-per-file';
import { RowDecodeError, rowDecoder } from './decode-row';
import { poolOf } from './prisma';
import { execSql, isQueryCanceled, runSql, runSqlWithin } from './run-sql';

// The executor against the real database: the same statement gives the same typed rows over the
// pg pool and inside a Prisma interactive transaction (where pg's strings and Prisma's BigInt and
// Decimal used to differ), and a decoder that does not fit the result throws.

const everyKind = Prisma.sql`
  SELECT 7::int AS small, 9007199254740991::bigint AS big, (SELECT count(*) FROM generate_series(1, 3)) AS counted,
         12.5::numeric AS ratio, '2026-01-02T03:04:05.678Z'::timestamptz AS at, '{"a": [1, "b"]}'::jsonb AS doc,
         ARRAY['x', 'y'] AS names, NULL::text AS missing, true AS flag`;

const everyKindRow = rowDecoder({
  small: 'int',
  big: 'int',
  counted: 'int',
  ratio: 'number',
  at: 'date',
  doc: 'json',
  names: 'text[]',
  missing: 'text?',
  flag: 'bool',
});

const expected = {
  small: 7,
  big: 9007199254740991,
  counted: 3,
  ratio: 12.5,
  at: new Date('2026-01-02T03:04:05.678Z'),
  doc: { a: [1, 'b'] },
  names: ['x', 'y'],
  missing: null,
  flag: true,
};

describe('runSql', () => {
  it('pg and Prisma really do return different values for the same row (why decoders exist)', async () => {
    const [overPool] = (await poolOf(testDb())!.query(everyKind.text, everyKind.values)).rows;
    const [throughPrisma] = await testDb().$transaction((tx) => tx.$queryRaw<Array<Record<string, unknown>>>(everyKind));
    expect(overPool.counted).toBe('3');
    expect(typeof throughPrisma.counted).toBe('bigint');
    expect(overPool.ratio).toBe('12.5');
    expect(typeof throughPrisma.ratio).toBe('object'); // Prisma's Decimal
  });

  it('gives the same typed rows over the pool and inside a transaction', async () => {
    const outside = await runSql(testDb(), everyKind, everyKindRow);
    expect(outside[0].counted).toBe(3); // a number, not pg's '3'
    const inside = await testDb().$transaction((tx) => runSql(tx, everyKind, everyKindRow));
    expect(outside).toEqual([expected]);
    expect(inside).toEqual([expected]);
  });

  it('a decoder that does not fit the result throws, whichever way the statement ran', async () => {
    const wrongType = rowDecoder({ small: 'text' });
    const absent = rowDecoder({ nope: 'int' });
    const beyondDouble = rowDecoder({ huge: 'int' });
    const huge = Prisma.sql`SELECT 9007199254740993::bigint AS huge`;
    await expect(runSql(testDb(), everyKind, wrongType)).rejects.toThrow(/column "small": expected text, got number/);
    await expect(testDb().$transaction((tx) => runSql(tx, everyKind, absent))).rejects.toBeInstanceOf(RowDecodeError);
    await expect(runSql(testDb(), huge, beyondDouble)).rejects.toThrow(/expected int/);
    await expect(testDb().$transaction((tx) => runSql(tx, huge, beyondDouble))).rejects.toThrow(/expected int/);
  });

  it('execSql counts the rows a statement touched, both ways', async () => {
    const touch = Prisma.sql`SELECT 1 FROM generate_series(1, ${4}::int)`;
    expect(await execSql(testDb(), touch)).toBe(4);
    expect(await testDb().$transaction((tx) => execSql(tx, touch))).toBe(4);
  });

  it("runSqlWithin cancels a statement past its time and leaves the connection with the pool's own timeout", async () => {
    const slow = Prisma.sql`SELECT pg_sleep(30) AS slept`;
    const error = await runSqlWithin(testDb(), slow, rowDecoder({ slept: 'json' }), 50).catch((e: unknown) => e);
    expect(isQueryCanceled(error)).toBe(true);
    const setting = rowDecoder({ timeout: 'text' });
    const pool = poolOf(testDb())!;
    const rounds = await Promise.all(
      Array.from({ length: pool.options.max ?? 4 }, () =>
        runSql(testDb(), Prisma.sql`SELECT current_setting('statement_timeout') AS timeout`, setting),
      ),
    );
    // The pool's statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS, 15 s by default), not the 50 ms.
    expect(new Set(rounds.map(([r]) => r.timeout))).toEqual(new Set(['15s']));
  });
});
