import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

// The app's way in for ordinary reads and writes: one Prisma 7 client per process, over the `pg`
// driver adapter. Created on first use, not at import, because `next build` imports route modules
// without a database. (In `next dev` hot reloads re-import this module, hence the global.)

export type Db = PrismaClient;

export function createPrisma(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
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
