import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded-postgres';
import { rowDecoder } from '@/lib/db/decode-row';
import { createPrisma } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';
import { databaseErrorToAppError } from '@/lib/http/database-error';
import { superviseDatabase } from './supervise-database';

// What pg and Prisma really raise when the embedded PostgreSQL goes away, and that each maps to a
// 503 (lib/http/database-error.ts); and that the supervisor brings a killed server back while the
// same client recovers by itself. Its own server: stopping the shared test server would hurt others.

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function ownServer(): Promise<{ server: EmbeddedDatabase; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-outage-'));
  dirs.push(dir);
  return { server: await startEmbeddedPostgres({ dataDir: dir, unsafeFast: true }), dir };
}

/** Settles at once (no unhandled rejection while the test waits) into the error it failed with. */
const failure = (attempt: PromiseLike<unknown>): Promise<unknown> =>
  Promise.resolve(attempt).then(
    () => undefined,
    (e: unknown) => e,
  );

/** The code the HTTP edge would answer for this failure. */
async function mappedCode(attempt: PromiseLike<unknown>): Promise<string | undefined> {
  return codeOf(await failure(attempt));
}

function codeOf(error: unknown): string | undefined {
  expect(error, 'the call must fail while the database is down').toBeDefined();
  const code = databaseErrorToAppError(error)?.code;
  if (code !== 'service_unavailable') console.error('unmapped', error, JSON.stringify(error), (error as Error).cause);
  return code;
}

const postmasterPid = (dir: string) => Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('the database going away', () => {
  it('maps what pg and Prisma raise, in flight and while down, to service_unavailable', async () => {
    const { server } = await ownServer();
    const db = createPrisma(server.url, 6);
    try {
      expect(await runSql(db, Prisma.sql`SELECT 1 AS one`, rowDecoder({ one: 'int' }))).toEqual([{ one: 1 }]);
      await db.$queryRaw`SELECT 1`;
      // In flight when the server shuts down (57P01 admin_shutdown, or the connection cut).
      const viaPg = failure(execSql(db, Prisma.sql`SELECT pg_sleep(30)::text AS slept`));
      // Prisma's promises are lazy: then() (in failure()) sends the statement.
      const viaPrisma = failure(db.$queryRaw`SELECT pg_sleep(30)::text AS slept`);
      const inTransaction = failure(db.$transaction(async (tx) => tx.$queryRaw`SELECT pg_sleep(30)::text AS slept`, { timeout: 60_000 }));
      // Wait for the three statements to be running, then stop.
      await expect
        .poll(
          async () =>
            (
              await runSql(
                db,
                Prisma.sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()`,
                rowDecoder({ n: 'int' }),
              )
            )[0].n,
        )
        .toBe(3);
      await server.stop();
      expect(codeOf(await viaPg)).toBe('service_unavailable');
      expect(codeOf(await viaPrisma)).toBe('service_unavailable');
      expect(codeOf(await inTransaction)).toBe('service_unavailable');
      // While down: new connections are refused.
      expect(await mappedCode(execSql(db, Prisma.sql`SELECT 1`))).toBe('service_unavailable');
      expect(await mappedCode(db.$queryRaw`SELECT 1`)).toBe('service_unavailable');
      expect(await mappedCode(db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`))).toBe('service_unavailable');
      // Back: the same client recovers without being recreated.
      await server.restart();
      await expect.poll(async () => (await db.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`.catch(() => []))[0]?.one).toBe(1);
      expect(await runSql(db, Prisma.sql`SELECT 2 AS two`, rowDecoder({ two: 'int' }))).toEqual([{ two: 2 }]);
    } finally {
      await db.$disconnect().catch(() => {});
      await server.stop();
    }
  });

  it('restarts a killed embedded server by itself, and the same client recovers', async () => {
    const { server, dir } = await ownServer();
    const db = createPrisma(server.url, 6);
    const lines: string[] = [];
    const gaveUp: string[] = [];
    superviseDatabase(
      server,
      (line) => lines.push(line),
      (reason) => gaveUp.push(reason),
    );
    try {
      const before = postmasterPid(dir);
      process.kill(before, 'SIGKILL'); // the harshest way to go: backends must notice and exit
      await expect.poll(() => lines.some((l) => l.includes('exited unexpectedly'))).toBe(true);
      await expect.poll(() => lines.some((l) => l.includes('is back')), { timeout: 30_000 }).toBe(true);
      expect(postmasterPid(dir)).not.toBe(before);
      await expect.poll(async () => (await db.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`.catch(() => []))[0]?.one).toBe(1);
      expect(gaveUp).toEqual([]);
    } finally {
      await db.$disconnect().catch(() => {});
      await server.stop();
    }
  });
});
