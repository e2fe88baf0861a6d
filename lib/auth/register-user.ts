import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import { limitAuthAttempt } from './authenticate-password';
import { hashPassword } from './password';
import { assertPasswordSigninEnabled } from './password-signin';
import { assertAcceptablePassword } from './password-policy';

export type Registration = { email: string; password: string; name: string };

/** Creates an active account (rate-limited per IP); 409 when the email is taken, 422 for a weak password,
 * 403 when password sign-in is turned off. */
export async function registerUser(db: Db, input: Registration, ip: string | null) {
  assertPasswordSigninEnabled();
  await limitAuthAttempt(db, ip);
  assertAcceptablePassword(input.password);
  const email = input.email.trim();
  if (await findUserByEmail(db, email))
    throw new AppError('conflict', 'an account with this email already exists', { reason: 'already_exists' });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({ data: { email, name: input.name.trim(), passwordHash } });
  } catch (error) {
    // Two registrations racing for one email: the unique index on lower(email) decides.
    if ((error as { code?: string }).code === 'P2002')
      throw new AppError('conflict', 'an account with this email already exists', { reason: 'already_exists' });
    throw error;
  }
}
