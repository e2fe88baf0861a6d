import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrisma, type Db } from '@/lib/db/prisma';
import { findFreePort } from '@/lib/db/free-port';
import { testDb } from '@/lib/test/database-per-file';
import { checkHealth } from './check-health';

// The health check answers quickly whatever state PostgreSQL is in: ok when it answers, and
// 'unreachable' (not an exception, not a hang) when nothing listens or the server does not reply.

const packageVersion = async () =>
  (JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function clientFor(port: number): Db {
  const db = createPrisma(`postgresql://nobody:secret@127.0.0.1:${port}/baseplate`, 1);
  cleanups.push(() => db.$disconnect().catch(() => {}));
  return db;
}

describe('checkHealth', () => {
  it('reports ok with the version of package.json when the database answers', async () => {
    const version = await packageVersion();
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await checkHealth(testDb())).toEqual({ status: 'ok', database: 'ok', version });
  });

  it('reports the database unreachable, within a few seconds, when nothing listens on its port', async () => {
    const port = await findFreePort();
    const started = Date.now();
    const health = await checkHealth(clientFor(port));
    expect(health).toEqual({ status: 'degraded', database: 'unreachable', version: await packageVersion() });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up after its timeout when the server accepts but never replies', async () => {
    // A TCP server that takes the connection and says nothing: the driver would wait for its own
    // 5 s connect timeout; the check must answer after timeoutMs instead.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const db = clientFor(port);
    // Registered after the client, so it runs first: dropping the sockets ends the pending connect
    // and $disconnect does not sit out the driver's timeout.
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    );
    const started = Date.now();
    const health = await checkHealth(db, 300);
    const elapsed = Date.now() - started;
    expect(health.database).toBe('unreachable');
    expect(health.status).toBe('degraded');
    expect(sockets.size).toBeGreaterThan(0); // it did try to talk to this server
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });
});
