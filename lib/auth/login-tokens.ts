import type { Db } from '@/lib/db/prisma';
import { newLoginToken, sha256Hex } from './secrets';

const TOKEN_DAYS = 30;

/** A new bearer token for a script; only its hash is stored. */
export async function issueLoginToken(db: Db, userId: string, userAgent: string | null) {
  const token = newLoginToken();
  const expiresAt = new Date(Date.now() + TOKEN_DAYS * 86_400_000);
  await db.loginToken.create({ data: { userId, tokenHash: sha256Hex(token), expiresAt, userAgent: userAgent?.slice(0, 512) } });
  return { token, expires_at: expiresAt.toISOString() };
}
