import type { Db } from '@/lib/db/prisma';

// Server-side records of browser sessions. The next-auth JWT cookie carries the row's id (`sid`);
// a request is signed in only while the row exists and has not expired, so signing out (which
// deletes the row) ends the session on the server, not merely in the browser that signed out.

/** A session's absolute lifetime: the cookie may be refreshed, the row's expiry is not. */
export const SESSION_DAYS = 30;

/** The signed-in browser session: its user and its server-side row. */
export type SessionRef = { userId: string; sessionId: string };

export async function createUserSession(db: Db, userId: string, userAgent: string | null): Promise<string> {
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  // Sessions never signed out would pile up: each sign-in clears the user's expired ones.
  await db.userSession.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } });
  const row = await db.userSession.create({
    data: { userId, expiresAt, userAgent: userAgent?.slice(0, 512) ?? null },
    select: { id: true },
  });
  return row.id;
}

export async function deleteUserSession(db: Db, sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
}
