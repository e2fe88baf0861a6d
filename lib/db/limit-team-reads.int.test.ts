import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { checkHealth } from '@/lib/health/check-health';
import { databaseErrorToAppError } from '@/lib/http/database-error';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchEntities } from '@/lib/search/search-entities';
import { testDatabaseUrl, testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, insertEntities, teamContextOf } from '@/lib/test/fixtures';
import { activeTeamReads, withTeamReadSlot } from './limit-team-reads';
import { rowDecoder } from './decode-row';
import { createPrisma, type Db } from './prisma';
import { runSql } from './run-sql';

// Issue 11, item 4: one team's slow reads must not starve the others. Team A's reads here block
// on an advisory lock the test holds (a stand-in for a slow search, released at will: no timing),
// through the same limiter as searches; team B's real search must still answer, and A's reads
// past its slots get a 503 team_busy. Without the limiter A's reads took all four connections
// and B's search failed with the pool's connect timeout.

const LOCK = 727_011;
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function pool(size: number, settings: Parameters<typeof createPrisma>[2]): Db {
  const db = createPrisma(testDatabaseUrl(), size, settings);
  closers.push(() => db.$disconnect());
  return db;
}

/** A client of the test's own that holds the advisory lock until release(). */
async function holdLock(): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
  return {
    release: async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      await client.end();
    },
  };
}

/** Backends waiting for the test's lock right now. */
async function waitersOnLock(): Promise<number> {
  const rows = await runSql(
    testDb(),
    Prisma.sql`
    SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = ${LOCK}::int::oid AND NOT granted`,
    rowDecoder({ n: 'int' }),
  );
  return rows[0].n;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A read that holds its connection until the test releases the lock. */
const blockedRead = (db: Db) => () =>
  runSql(db, Prisma.sql`SELECT pg_advisory_xact_lock_shared(${LOCK}) IS NULL AS done`, rowDecoder({ done: 'bool' }));

/** The same team's context for another (made-up) user: a caller line of its own. */
const asUser = (ctx: TeamContext, i: number) => ({ ...ctx, actor: { ...ctx.actor, userId: `user-${i}` } }) as TeamContext;

let ctxA: TeamContext;
let ctxB: TeamContext;

beforeAll(async () => {
  const a = await createTeam(testDb());
  const b = await createTeam(testDb());
  await createBlueprint(testDb(), b.team.id, 'service');
  await insertEntities(testDb(), { teamId: b.team.id, blueprintId: 'service' }, [{ identifier: 'b-only', data: {} }]);
  ctxA = await teamContextOf(a.owner, a.team.slug);
  ctxB = await teamContextOf(b.owner, b.team.slug);
});

describe('per-team read slots', () => {
  it("one team saturating its slots waits behind itself; another team's search still answers", async () => {
    const db = pool(4, { teamConcurrency: 2, keyConcurrency: 2, queueTimeoutMs: 300, connectTimeoutMs: 3_000 });
    const lock = await holdLock();
    try {
      // Each read from another user of team A, so that only the team's cap applies.
      const running = [1, 2].map((i) => withTeamReadSlot(db, asUser(ctxA, i), blockedRead(db)));
      await until(async () => (await waitersOnLock()) === 2);
      // Four more of A's reads: no slot frees up, so each answers 503 team_busy after the wait...
      const queued = [3, 4, 5, 6].map((i) => expectAppError(withTeamReadSlot(db, asUser(ctxA, i), blockedRead(db))));
      // ...while B's search gets a connection at once and answers.
      const b = await searchEntities(db, ctxB, 'service', parseSearchBody({}), { withTotal: true });
      expect(b.entities.map((e) => e.identifier)).toEqual(['b-only']);
      expect(activeTeamReads(db, ctxA.team.id)).toBe(2);
      for (const fault of await Promise.all(queued)) {
        expect(fault.status).toBe(503);
        expect(fault.details).toEqual({ reason: 'team_busy', limit: 2 });
        expect(fault.headers).toEqual({ 'Retry-After': '1' });
      }
      expect(await waitersOnLock()).toBe(2); // A's two reads were never cut short
      await lock.release();
      expect(await Promise.all(running)).toEqual([[{ done: false }], [{ done: false }]]);
    } finally {
      await lock.release().catch(() => {});
    }
    expect(activeTeamReads(db, ctxA.team.id)).toBe(0);
  });

  it('caps one API key (or user) below its team: a second caller of the team still runs', async () => {
    const db = pool(4, { teamConcurrency: 3, keyConcurrency: 1, queueTimeoutMs: 200 });
    const other = asUser(ctxA, 99);
    const lock = await holdLock();
    try {
      const first = withTeamReadSlot(db, ctxA, blockedRead(db));
      await until(async () => (await waitersOnLock()) === 1);
      const fault = await expectAppError(withTeamReadSlot(db, ctxA, blockedRead(db)));
      expect(fault.details).toEqual({ reason: 'key_busy', limit: 1 });
      const second = withTeamReadSlot(db, other, blockedRead(db));
      await until(async () => (await waitersOnLock()) === 2);
      await lock.release();
      await Promise.all([first, second]);
    } finally {
      await lock.release().catch(() => {});
    }
  });
});

describe('a starved pool', () => {
  it("answers 503 database_unavailable (Retry-After), never a 500, and /health's own connection still answers", async () => {
    const db = pool(2, { connectTimeoutMs: 300 });
    const health = pool(1, { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000 });
    const lock = await holdLock();
    try {
      // Both connections held, outside any limiter (say, two very slow statements).
      const hogs = [1, 2].map(() => blockedRead(db)());
      await until(async () => (await waitersOnLock()) === 2);
      const error = await db.$queryRaw`SELECT 1`.then(
        () => null,
        (e: unknown) => e,
      );
      const mapped = databaseErrorToAppError(error);
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped).toMatchObject({ status: 503, details: { reason: 'database_unavailable' }, headers: { 'Retry-After': '5' } });
      expect((await checkHealth(health)).database).toBe('ok');
      await lock.release();
      await Promise.all(hogs);
    } finally {
      await lock.release().catch(() => {});
    }
  });
});
