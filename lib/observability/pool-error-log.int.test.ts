import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowDecoder } from '@/lib/db/decode-row';
import { createPrisma, type Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';
import { testDatabaseUrl, testPool } from '@/lib/test/database-per-file';
import { createLogger } from './logger';
import { runWithRequestStore } from './request-context';

// A pooled connection that dies while idle (a database restart, a failover) was swallowed by an
// empty listener; it is now a warning in the log, and not attributed to the request that happened
// to open the connection.

type Line = Record<string, unknown>;
const lines: Line[] = [];
let onLine: (line: Line) => void = () => {};
const stream = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const text of chunk.toString().split('\n').filter(Boolean)) {
      const line = JSON.parse(text) as Line;
      lines.push(line);
      onLine(line);
    }
    done();
  },
});
// The process logger is global (one writer for both copies of the module in the server).
(globalThis as unknown as { baseplateLogger?: unknown }).baseplateLogger = createLogger('info', stream);

let db: Db;
beforeAll(() => {
  db = createPrisma(testDatabaseUrl(), 2);
});
afterAll(() => db.$disconnect());

it('logs a warning, without a request id, when an idle pooled connection is terminated', async () => {
  const [{ pid }] = await runWithRequestStore({ requestId: 'opened-the-connection', route: '/x' }, () =>
    runSql(db, Prisma.sql`SELECT pg_backend_pid() AS pid`, rowDecoder({ pid: 'int' })),
  );
  const warned = new Promise<Line>((resolve) => {
    onLine = (l) => String(l.msg).startsWith('database:') && resolve(l);
  });
  await testPool().query('SELECT pg_terminate_backend($1)', [pid]);
  const line = await warned;

  expect(line).toMatchObject({ level: 'warn', code: '57P01' });
  expect(line.error).toContain('terminating connection');
  expect(line).not.toHaveProperty('reqId');
});
