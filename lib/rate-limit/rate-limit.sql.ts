import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The rate limiter's statements over rate_limit_buckets, all by its primary key (key), except the
// sweep of old windows, which reads the whole (small: one row per active key) table.

/** Opens a new window when the stored one has ended, or counts the hit in the current one. */
export function hitSql(key: string, windowSeconds: number): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO rate_limit_buckets AS b (key, window_start, hits)
    VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = CASE WHEN b.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE b.window_start END,
      hits = CASE WHEN b.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE b.hits + 1 END
    RETURNING hits, ceil(extract(epoch FROM (window_start + make_interval(secs => ${windowSeconds}) - now())))::int AS reset`;
}
export const hitRow = rowDecoder({ hits: 'int', reset: 'int' });

export const sweepOldWindowsSql = () => Prisma.sql`DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '1 hour'`;

export const clearKeySql = (key: string) => Prisma.sql`DELETE FROM rate_limit_buckets WHERE key = ${key}`;
