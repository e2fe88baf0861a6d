import { dueOncePerMinute } from '@/lib/auth/once-a-minute';
import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { stampLastUsedSql } from './api-keys.sql';

// last_used_at, stamped after the response at most once a minute per key (lib/auth/once-a-minute.ts).
export async function stampApiKeyUse(db: Db, teamId: string, keyId: string): Promise<void> {
  if (!dueOncePerMinute(`api_key:${keyId}`)) return;
  await execSql(db, stampLastUsedSql(teamId, keyId));
}
