import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { stampLastUsedSql } from './api-keys.sql';

// last_used_at, stamped after the response at most once a minute per key: the WHERE clause makes
// the minute hold across instances, and this map spares the database the extra statements here.
const lastStamped = new Map<string, number>();

export async function stampApiKeyUse(db: Db, teamId: string, keyId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastStamped.get(keyId) ?? 0) < 60_000) return;
  lastStamped.set(keyId, now);
  if (lastStamped.size > 10_000) lastStamped.clear();
  await execSql(db, stampLastUsedSql(teamId, keyId));
}
