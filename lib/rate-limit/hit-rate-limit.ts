import type { Db } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import { clearKeySql, hitRow, hitSql, sweepOldWindowsSql } from './rate-limit.sql';

// Fixed-window rate limiting with the counters in PostgreSQL, so the limit holds across every
// instance behind a load balancer. One statement per hit: it opens a new window when the stored
// one has ended, or counts the hit in the current one, and returns the count.

export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export async function hitRateLimit(db: Db, key: string, limit: number, windowSeconds = 60): Promise<RateLimitResult> {
  const rows = await runSql(db, hitSql(key, windowSeconds), hitRow);
  // window_start is stored to the millisecond, so the reset can round up past the window: clamp.
  const { hits, reset } = rows[0];
  // Old windows are dead weight: sweep them now and then (about one hit in a thousand).
  if (Math.random() < 0.001) {
    await execSql(db, sweepOldWindowsSql());
  }
  return { allowed: hits <= limit, limit, remaining: Math.max(0, limit - hits), resetSeconds: Math.min(windowSeconds, Math.max(1, reset)) };
}

/** The headers of API.md for a rate-limited response (and, informatively, for every other). */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(result.limit),
    'RateLimit-Remaining': String(result.remaining),
    'RateLimit-Reset': String(result.resetSeconds),
  };
  if (!result.allowed) headers['Retry-After'] = String(result.resetSeconds);
  return headers;
}

/** Forgets a key's window (a successful sign-in clears that email's failed attempts). */
export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await execSql(db, clearKeySql(key));
}
