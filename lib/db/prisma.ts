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

/**
 * Limits every connection of a pool carries (issue 11: one tenant's statement must not exhaust the
 * database). They are sent as startup options (`-c name=value`), so they are each session's
 * defaults: `RESET` (runSqlWithin) returns to them, and a transaction's SET LOCAL still wins.
 */
export type PoolSettings = {
  /** statement_timeout of every statement (ms; 0 = none): the time budget of a request's SQL. */
  statementTimeoutMs: number;
  /** work_mem of every sort and hash (PostgreSQL units, e.g. "4MB"). */
  workMem: string;
  /** How long a request waits for a free connection before its 503 (pg's connectionTimeoutMillis). */
  connectTimeoutMs: number;
  /** Concurrent expensive reads (searches, facets, graphs) per team and per API key or user, and
   * how long one waits for a slot (lib/db/limit-team-reads.ts). Defaults follow the pool size. */
  teamConcurrency?: number;
  keyConcurrency?: number;
  queueTimeoutMs: number;
};

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  statementTimeoutMs: 15_000,
  workMem: '4MB',
  connectTimeoutMs: 5_000,
  queueTimeoutMs: 2_000,
};

// Which settings a client's pool was made with (the read limiter sizes itself from them).
const settingsHolder = globalThis as unknown as { baseplatePoolSettings?: WeakMap<object, PoolSettings & { poolSize: number }> };
const poolSettings = (settingsHolder.baseplatePoolSettings ??= new WeakMap());

/** The settings and pool size a client was created with (defaults for a client made elsewhere). */
export function poolSettingsOf(db: object): PoolSettings & { poolSize: number } {
  return poolSettings.get(db) ?? { ...DEFAULT_POOL_SETTINGS, poolSize: 10 };
}

export function createPrisma(connectionString: string, poolSize = 10, settings: Partial<PoolSettings> = {}): PrismaClient {
  const s = { ...DEFAULT_POOL_SETTINGS, ...settings };
  if (!/^\d+(kB|MB|GB)$/.test(s.workMem)) throw new Error(`work_mem must look like 4MB, got "${s.workMem}"`);
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: s.connectTimeoutMs,
    options: `-c statement_timeout=${Math.trunc(s.statementTimeoutMs)} -c work_mem=${s.workMem}`,
  });
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
  poolSettings.set(client, { ...s, poolSize });
  return client;
}

/** The pg pool a client runs on (run-sql.ts sends raw SQL to it); undefined for a transaction client. */
export function poolOf(db: object): pg.Pool | undefined {
  return pools.get(db);
}

const holder = globalThis as unknown as { baseplatePrisma?: PrismaClient; baseplateHealthDb?: PrismaClient };

function databaseUrlOrThrow(): string {
  const { databaseUrl } = env();
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (start Baseplate with `npm start`)');
  return databaseUrl;
}

export function getDb(): PrismaClient {
  if (!holder.baseplatePrisma) {
    const { dbPoolSize, dbPool } = env();
    holder.baseplatePrisma = createPrisma(databaseUrlOrThrow(), dbPoolSize, dbPool);
  }
  return holder.baseplatePrisma;
}

/** Connections of the process's pool (for /metrics), or null before anything has used the database. */
export function poolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = holder.baseplatePrisma && pools.get(holder.baseplatePrisma);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/**
 * The health check's own connection, outside the app's pool: a starved pool (every connection
 * busy with slow statements) must not make /health wait for its connect timeout, nor fail it, when
 * PostgreSQL itself answers. One connection, a 1 s connect timeout and a 1 s statement timeout:
 * a database that cannot answer that makes /health a quick 503.
 */
export function getHealthDb(): PrismaClient {
  holder.baseplateHealthDb ??= createPrisma(databaseUrlOrThrow(), 1, { connectTimeoutMs: 1_000, statementTimeoutMs: 1_000 });
  return holder.baseplateHealthDb;
}

/**
 * Closes the process's pools (the app's and the health check's): at shutdown, before the embedded
 * PostgreSQL stops, so its idle connections are not reported as failures one by one.
 */
export async function closeDb(): Promise<void> {
  const clients = [holder.baseplatePrisma, holder.baseplateHealthDb];
  holder.baseplatePrisma = undefined;
  holder.baseplateHealthDb = undefined;
  await Promise.all(
    clients.map(async (client) => {
      if (!client) return;
      await client.$disconnect().catch(() => {});
      const pool = pools.get(client);
      if (pool && !pool.ended) await pool.end().catch(() => {});
    }),
  );
}
