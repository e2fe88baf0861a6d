import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import { log } from '@/lib/observability/logger';
import { outsideRequest } from '@/lib/observability/request-context';

// The app's way in for ordinary reads and writes: one Prisma 7 client per process, over the `pg`
// driver adapter. Created on first use, not at import, because `next build` imports route modules
// without a database. (In `next dev` hot reloads re-import this module, hence the global.)
//
// The client runs on a pg.Pool we create, so the hot read paths (authentication, catalog pages
// and search) can send their SQL straight to the same pool with runSql(): Prisma's query
// interpretation costs more CPU than those statements take in PostgreSQL (bench/search measured
// a findMany of 50 entities at 2.5 ms against 0.6 ms for the same SQL over pg).

export type Db = PrismaClient;

// Which pool a client runs on. Global, not module-level: the production server holds two copies of
// this module (Next's bundle, and the direct API dispatcher's, lib/cli/direct-api.ts) that share
// one client through getDb()'s global below.
const poolsHolder = globalThis as unknown as { baseplatePools?: WeakMap<object, pg.Pool> };
const pools = (poolsHolder.baseplatePools ??= new WeakMap<object, pg.Pool>());

export function createPrisma(connectionString: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection closed by the server (a restart, a failover, a dropped test database) is
  // discarded by the pool, which opens a new one for the next query; that query reports any real
  // problem. Without a listener the event would crash the process; logged, as the first sign of
  // a database going away. (Outside any request: the connection still carries the context of the
  // request that opened it, whose id would mislead.)
  // Code and message only: the stack is always pg's socket parser, and says nothing.
  pool.on('error', (error: Error & { code?: string }) =>
    outsideRequest(() => {
      const message = 'database: an idle pool connection failed and was discarded';
      log().warn({ code: error.code, error: error.message }, message);
    }),
  );
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** The pg pool a client runs on (run-sql.ts sends raw SQL to it); undefined for a transaction client. */
export function poolOf(db: object): pg.Pool | undefined {
  return pools.get(db);
}

const holder = globalThis as unknown as { baseplatePrisma?: PrismaClient };

export function getDb(): PrismaClient {
  if (!holder.baseplatePrisma) {
    const { databaseUrl, dbPoolSize } = env();
    if (!databaseUrl) throw new Error('DATABASE_URL is not set (start Baseplate with `npm start`)');
    holder.baseplatePrisma = createPrisma(databaseUrl, dbPoolSize);
  }
  return holder.baseplatePrisma;
}

/** Connections of the process's pool (for /metrics), or null before anything has used the database. */
export function poolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = holder.baseplatePrisma && pools.get(holder.baseplatePrisma);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}
