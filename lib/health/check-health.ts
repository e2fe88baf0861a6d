import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { VERSION } from '@/lib/version';
import { pingSql } from './health.sql';

export type Health = { status: 'ok' | 'degraded'; database: 'ok' | 'unreachable'; version: string };

/** Pings PostgreSQL (bounded by `timeoutMs`) and reports the app's health. */
export async function checkHealth(db: Db, timeoutMs = 2_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    await Promise.race([execSql(db, pingSql()), timeout]);
    return { status: 'ok', database: 'ok', version: VERSION };
  } catch {
    return { status: 'degraded', database: 'unreachable', version: VERSION };
  } finally {
    clearTimeout(timer);
  }
}
