import type { RequestContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { UserActor } from './actor';
import { CREDENTIAL_COLUMNS, credentialView, type CredentialView } from './credential-view';
import { logIdentityEvent } from './log-identity-event';

// A person's login tokens (POST /api/v1/auth/login hands them out to scripts): list them and
// revoke one. Only the person themself, signed in or through one of their tokens; an API key
// is a team's, not a person's, and gets 403. Revoking deletes the row: the token fails at once.

export type LoginTokenView = CredentialView;

/** The newest first; at most this many (tokens expire after 30 days and login is rate-limited). */
const LIST_LIMIT = 500;

/**
 * The person managing their own account (sessions, tokens, password, name). An API key is a
 * team's, and a personal access token is for a person's scripts inside some teams: both get 403.
 */
export function personOf(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'login tokens belong to people: sign in, or use a login token');
  if (ctx.actor.via === 'personal_token') {
    throw new AppError('forbidden', "a personal access token cannot manage its person's account: sign in, or use a login token");
  }
  return ctx.actor;
}

export async function listLoginTokens(db: Db, ctx: RequestContext): Promise<{ login_tokens: LoginTokenView[] }> {
  const person = personOf(ctx);
  const rows = await db.loginToken.findMany({
    where: { userId: person.userId, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    select: CREDENTIAL_COLUMNS,
  });
  const current = person.via === 'token' ? person.credentialId : undefined;
  return { login_tokens: rows.map((row) => credentialView(row, current)) };
}

/** 404 for another person's token or an unknown id (never reveals that it exists). */
export async function revokeLoginToken(db: Db, ctx: RequestContext, tokenId: string): Promise<void> {
  const person = personOf(ctx);
  const { count } = await db.loginToken.deleteMany({ where: { id: tokenId, userId: person.userId } });
  if (count === 0) throw new AppError('not_found', 'login token not found');
  logIdentityEvent(ctx, person, 'login_token.revoked', { tokenId });
}
