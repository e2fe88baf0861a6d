import type { RequestContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { logIdentityEvent } from './log-identity-event';
import { personOf } from './login-token-service';

// A person's browser sessions (GET/DELETE /api/v1/auth/sessions): where and when each was last
// used, and revoke one. Revoking deletes the server-side row, so that browser's cookie stops
// working on its next request (lib/auth/resolve-actor.ts); revoking this very session signs out.

export type SessionView = {
  id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  current: boolean;
};

/** At most this many (sign-ins are rate-limited, and each clears the person's expired sessions). */
const LIST_LIMIT = 500;

export async function listSessions(db: Db, ctx: RequestContext): Promise<{ sessions: SessionView[] }> {
  const person = personOf(ctx);
  const rows = await db.userSession.findMany({
    where: { userId: person.userId, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true, lastUsedAt: true, lastUsedIp: true },
  });
  const current = person.via === 'session' ? person.credentialId : undefined;
  return {
    sessions: rows.map((s) => ({
      id: s.id,
      created_at: s.createdAt.toISOString(),
      expires_at: s.expiresAt.toISOString(),
      user_agent: s.userAgent,
      last_used_at: s.lastUsedAt?.toISOString() ?? null,
      last_used_ip: s.lastUsedIp,
      current: s.id === current,
    })),
  };
}

/** 404 for another person's session or an unknown id (never reveals that it exists). */
export async function revokeSession(db: Db, ctx: RequestContext, sessionId: string): Promise<void> {
  const person = personOf(ctx);
  const { count } = await db.userSession.deleteMany({ where: { id: sessionId, userId: person.userId } });
  if (count === 0) throw new AppError('not_found', 'session not found');
  logIdentityEvent(ctx, person, 'session.revoked', { sessionId });
}
