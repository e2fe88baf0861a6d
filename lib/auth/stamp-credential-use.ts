import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import type { UserActor } from './actor';
import { stampCredentialUseSql } from './credential-use.sql';
import { dueOncePerMinute } from './once-a-minute';

// Where and when a person's session, login token or personal token was last used, for the profile
// page. Called after the response (lib/http/route.ts, lib/web/page-context.ts): never slows a
// request, and writes at most once a minute per credential (`now` is a parameter for the tests).

export async function stampCredentialUse(
  db: Db,
  person: UserActor,
  seen: { ip: string | null; userAgent: string | null },
  now = Date.now(),
): Promise<void> {
  const id = person.credentialId;
  if (!id || !dueOncePerMinute(`${person.via}:${id}`, now)) return;
  await execSql(
    db,
    stampCredentialUseSql(person.via, { id, userId: person.userId, ip: seen.ip, userAgent: seen.userAgent?.slice(0, 512) ?? null }),
  );
}
