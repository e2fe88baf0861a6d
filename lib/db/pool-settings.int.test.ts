import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/generated/prisma/client';
import { testDatabaseUrl, testDb } from '@/lib/test/database-per-file';
import type { TeamContext } from '@/lib/authz/team-context';
import { toErrorResponse } from '@/lib/http/error-response';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchEntities } from '@/lib/search/search-entities';
import { createBlueprint, createTeam, insertEntities, teamContextOf } from '@/lib/test/fixtures';
import { rowDecoder } from './decode-row';
import { createPrisma, type Db } from './prisma';
import { execSql, runSql, runSqlWithin } from './run-sql';

// The pool's per-connection limits (issue 11): statement_timeout and work_mem on every connection,
// kept after runSqlWithin's own shorter timeout, and a search past its budget answers 503
// statement_timeout, never a 500.

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function pool(size: number, settings: Parameters<typeof createPrisma>[2]): Db {
  const db = createPrisma(testDatabaseUrl(), size, settings);
  closers.push(() => db.$disconnect());
  return db;
}

const show = async (db: Db) =>
  (
    await runSql(
      db,
      Prisma.sql`SELECT current_setting('statement_timeout') AS t, current_setting('work_mem') AS m`,
      rowDecoder({ t: 'text', m: 'text' }),
    )
  )[0];

describe('pool settings', () => {
  it('sets statement_timeout and work_mem on every connection, for pg and Prisma statements alike', async () => {
    const db = pool(2, { statementTimeoutMs: 1_234, workMem: '2MB' });
    expect(await show(db)).toEqual({ t: '1234ms', m: '2MB' });
    expect(await db.$queryRaw`SELECT current_setting('statement_timeout') AS t`).toEqual([{ t: '1234ms' }]);
  });

  it("keeps the pool's timeout after runSqlWithin set a shorter one on the same connection", async () => {
    const db = pool(1, { statementTimeoutMs: 4_321 });
    expect(await runSqlWithin(db, Prisma.sql`SELECT current_setting('statement_timeout') AS t`, rowDecoder({ t: 'text' }), 250)).toEqual([
      { t: '250ms' },
    ]);
    expect((await show(db)).t).toBe('4321ms');
  });

  it("cancels a statement past the pool's timeout (57014)", async () => {
    const db = pool(1, { statementTimeoutMs: 200 });
    const error = await execSql(db, Prisma.sql`SELECT pg_sleep(30)`).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('57014');
  });
});

describe('a search past its time budget', () => {
  let ctx: TeamContext;
  beforeAll(async () => {
    const { team, owner } = await createTeam(testDb());
    await createBlueprint(testDb(), team.id, 'service');
    await insertEntities(testDb(), { teamId: team.id, blueprintId: 'service' }, [{ identifier: 'one', data: {} }]);
    ctx = await teamContextOf(owner, team.slug);
  });

  it('answers 503 statement_timeout with Retry-After at the HTTP edge, not 500', async () => {
    // (The route modules cannot be imported under Vitest, next-auth wants Next's runtime: this is
    // the service the route calls and the edge's own error mapping, toErrorResponse.)
    const db = pool(2, { statementTimeoutMs: 300 });
    const search = () =>
      searchEntities(
        db,
        ctx,
        'service',
        parseSearchBody({ query: { rules: [{ property: '$identifier', operator: '=', value: 'one' }] } }),
        { withTotal: true },
      );
    expect((await search()).entities).toHaveLength(1);
    // Another session holds a lock that the search's statement must wait for, past its budget.
    const blocker = new pg.Client({ connectionString: testDatabaseUrl() });
    await blocker.connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE entities IN ACCESS EXCLUSIVE MODE');
      const error = await search().then(
        () => null,
        (e: unknown) => e,
      );
      const res = toErrorResponse(error, 'test');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await res.json()).error).toMatchObject({ code: 'service_unavailable', details: { reason: 'statement_timeout' } });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect((await search()).entities).toHaveLength(1);
  });
});
