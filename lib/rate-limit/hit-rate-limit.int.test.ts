import { afterAll, describe, expect, it } from 'vitest';
import { createPrisma, type Db } from '@/lib/db/prisma';
import { testDatabaseUrl, testDb } from '@/lib/test/database-per-file';
import { hitRateLimit, rateLimitHeaders } from './hit-rate-limit';

// Fixed-window counters in PostgreSQL: the limit must hold across app instances, so the count is
// one atomic upsert, never read-then-write in the application.

let key = 0;
const newKey = () => `test:${process.pid}:${++key}:${Math.random()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let wide: Db | undefined;
afterAll(async () => {
  await wide?.$disconnect();
});

describe('hitRateLimit', () => {
  it('counts hits within a window and refuses past the limit', async () => {
    const k = newKey();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(testDb(), k, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    for (const r of results) expect(r.limit).toBe(3);
    const refused = results[3];
    expect(refused.resetSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.resetSeconds).toBeLessThanOrEqual(60);
    expect(rateLimitHeaders(refused)).toEqual({
      'RateLimit-Limit': '3',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(refused.resetSeconds),
      'Retry-After': String(refused.resetSeconds),
    });
    expect(rateLimitHeaders(results[0])).not.toHaveProperty('Retry-After');
  });

  it('reports a reset of 1..window seconds, also on the hit that opens a window', async () => {
    // window_start is stored with millisecond precision: rounding now() up must not make a
    // 60-second window report 61 seconds.
    for (let i = 0; i < 40; i++) {
      const r = await hitRateLimit(testDb(), newKey(), 5, 60);
      expect(r.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(r.resetSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('starts a new window once the old one has ended', async () => {
    const k = newKey();
    expect((await hitRateLimit(testDb(), k, 2, 1)).allowed).toBe(true);
    expect((await hitRateLimit(testDb(), k, 2, 1)).allowed).toBe(true);
    const refused = await hitRateLimit(testDb(), k, 2, 1);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 1 });
    await sleep(1_100);
    const fresh = await hitRateLimit(testDb(), k, 2, 1);
    expect(fresh).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('keeps separate keys independent', async () => {
    const a = newKey();
    const b = newKey();
    await hitRateLimit(testDb(), a, 1, 60);
    expect((await hitRateLimit(testDb(), a, 1, 60)).allowed).toBe(false);
    expect(await hitRateLimit(testDb(), b, 1, 60)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('never over-admits under concurrent hits (the counter is atomic in PostgreSQL)', async () => {
    // A client with many connections, so the hits really run at once (like several instances).
    wide ??= createPrisma(testDatabaseUrl(), 25);
    const db = wide;
    await db.$queryRaw`SELECT 1`;
    const k = newKey(); // new: the first hits race on the INSERT as well as on the UPDATE
    const results = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit(db, k, 10, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // Every hit was counted once: the remaining counts of the admitted hits are 9..0, each once.
    expect(
      results
        .filter((r) => r.allowed)
        .map((r) => r.remaining)
        .sort((x, y) => x - y),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [bucket] = await db.$queryRaw<Array<{ hits: number }>>`SELECT hits FROM rate_limit_buckets WHERE key = ${k}`;
    expect(bucket.hits).toBe(50);
  });
});
