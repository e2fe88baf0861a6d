import type { RequestContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { CREDENTIAL_COLUMNS, credentialView, type CredentialView } from './credential-view';
import { logIdentityEvent } from './log-identity-event';
import { personOf } from './login-token-service';

// A person's browser sessions (GET/DELETE /api/v1/auth/sessions): where and when each was last
// used, and revoke one. Revoking deletes the server-side row, so that browser's cookie stops
// working on its next request (lib/auth/resolve-actor.ts); revoking this very session signs out.

export type SessionView = CredentialView;

/** At most this many (sign-ins are rate-limited, and each clears the person's expired sessions). */
const LIST_LIMIT = 500;

export async function listSessions(db: Db, ctx: RequestContext): Promise<{ sessions: SessionView[] }> {
  const person = personOf(ctx);
  const rows = await db.userSession.findMany({
    where: { userId: person.userId, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    select: CREDENTIAL_COLUMNS,
  });
  const current = person.via === 'session' ? person.credentialId : undefined;
  return { sessions: rows.map((row) => credentialView(row, current)) };
}

/** 404 for another person's session or an unknown id (never reveals that it exists). */
export async function revokeSession(db: Db, ctx: RequestContext, sessionId: string): Promise<void> {
  const person = personOf(ctx);
  const { count } = await db.userSession.deleteMany({ where: { id: sessionId, userId: person.userId } });
  if (count === 0) throw new AppError('not_found', 'session not found');
  logIdentityEvent(ctx, person, 'session.revoked', { sessionId });
}
