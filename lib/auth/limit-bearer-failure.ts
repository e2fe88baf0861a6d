import type { Db } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { hitRateLimit, rateLimitHeaders } from '@/lib/rate-limit/hit-rate-limit';

// Failed bearer authentication (a malformed, unknown, expired or revoked key or token) is counted
// per client address; past the limit the answer is a 429 instead of the 401, so one address cannot
// probe credentials or load the database with lookups at full speed. Successes are not counted.

export async function limitBearerFailure(db: Db, headers: Headers): Promise<void> {
  const result = await hitRateLimit(db, `auth:bearer-fail:${clientIp(headers) ?? 'unknown'}`, env().rateLimits.bearerFailuresPerMinute);
  if (!result.allowed) {
    throw new AppError(
      'rate_limited',
      `too many failed authentications; try again in ${result.resetSeconds} s`,
      undefined,
      rateLimitHeaders(result),
    );
  }
}
