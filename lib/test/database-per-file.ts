import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Db } from '@/lib/db/prisma';
import { createPrisma } from '@/lib/db/prisma';

// Runs before every integration test file: a fresh database cloned from the migrated template,
// dropped afterwards. Tests reach it through testDb() (Prisma), testPool() (pg) or testDatabaseUrl().

const templateUrl = inject('templateUrl');
const name = `t_${randomBytes(8).toString('hex')}`;
const closers: Array<() => Promise<void>> = [];
let url: string | undefined;

function urlFor(database: string): string {
  const u = new URL(templateUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `sql` on the server's maintenance database (CREATE/DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    // Concurrent clones of one template collide ("source database is being accessed"): serialise.
    await client.query('SELECT pg_advisory_lock(727002)');
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A brand-new empty database (not cloned, not migrated), dropped after the file. */
export async function createEmptyDatabase(): Promise<string> {
  const empty = `e_${randomBytes(8).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${empty} TEMPLATE template0`);
  closers.push(() => adminQuery(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`));
  return urlFor(empty);
}

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE bp_template`);
  url = urlFor(name);
  process.env.DATABASE_URL = url;
});

afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

export function testDatabaseUrl(): string {
  if (!url) throw new Error('the test database is created in beforeAll; use it inside tests or hooks');
  return url;
}

let prisma: Db | undefined;
/** A Prisma client on this file's database. */
export function testDb(): Db {
  if (!prisma) {
    const client = createPrisma(testDatabaseUrl(), 4);
    prisma = client;
    closers.push(async () => {
      await client.$disconnect();
      prisma = undefined;
    });
  }
  return prisma;
}

let pool: pg.Pool | undefined;
/** A pg pool on this file's database, for raw SQL and EXPLAIN. */
export function testPool(): pg.Pool {
  if (!pool) {
    const p = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
    pool = p;
    closers.push(async () => {
      await p.end();
      pool = undefined;
    });
  }
  return pool;
}
