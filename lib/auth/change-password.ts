import type { RequestContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import { limitAuthAttempt } from './authenticate-password';
import { logIdentityEvent } from './log-identity-event';
import { personOf } from './login-token-service';
import { hashPassword, verifyPassword } from './password';
import { assertAcceptablePassword } from './password-policy';

// A person changes their password (POST /api/v1/auth/password). The current password is asked
// again (a stolen session alone cannot lock its owner out) and counted like a sign-in attempt.
// The change ends every other browser session and login token of the person, in the same
// transaction; the one used for this request stays.

export type PasswordChange = { current_password: string; new_password: string };

export async function changePassword(db: Db, ctx: RequestContext, input: PasswordChange) {
  const person = personOf(ctx);
  await limitAuthAttempt(db, ctx.ip, person.email);
  const user = await findUserByEmail(db, person.email);
  // An account made through single sign-on has no password here: it is managed at the provider.
  if (user && user.id === person.userId && user.passwordHash === null) {
    throw new AppError('conflict', 'this account signs in through single sign-on and has no password to change', { reason: 'no_password' });
  }
  if (!user || user.id !== person.userId || !(await verifyPassword(input.current_password, user.passwordHash))) {
    throw new AppError('validation_failed', 'the current password is wrong', [{ path: '/current_password', message: 'wrong password' }]);
  }
  assertAcceptablePassword(input.new_password, '/new_password');
  const passwordHash = await hashPassword(input.new_password);
  const keepSession = person.via === 'session' ? person.credentialId : undefined;
  const keepToken = person.via === 'token' ? person.credentialId : undefined;
  const ended = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, updatedAt: new Date() } });
    const sessions = await tx.userSession.deleteMany({ where: { userId: user.id, ...(keepSession && { id: { not: keepSession } }) } });
    const tokens = await tx.loginToken.deleteMany({ where: { userId: user.id, ...(keepToken && { id: { not: keepToken } }) } });
    return { ended_sessions: sessions.count, revoked_login_tokens: tokens.count };
  });
  logIdentityEvent(ctx, person, 'password.changed', ended);
  return ended;
}
