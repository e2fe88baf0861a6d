import type { Db } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clearRateLimit, hitRateLimit, rateLimitHeaders } from '@/lib/rate-limit/hit-rate-limit';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import { verifyPassword } from './password';
import { assertPasswordSigninEnabled } from './password-signin';
import { sha256Hex } from './secrets';

// Email + password sign-in, shared by the browser (next-auth's Credentials provider) and
// POST /api/v1/auth/login. Brute force is limited in PostgreSQL per address and per (email,
// address). There is no per-email lock: anyone could then lock a user out by failing five times
// from anywhere; a guesser spread over many addresses still meets each address's own limit.

/**
 * The (email, address) bucket. Hashed: a key built from a 255-character email overflowed the
 * bucket's VARCHAR(255) and such an account could never sign in. The digest has a fixed length.
 */
const emailAddressKey = (email: string, ip: string | null) =>
  `auth:email-ip:${sha256Hex(`${email.trim().toLowerCase()}\n${ip ?? 'unknown'}`)}`;

export async function limitAuthAttempt(db: Db, ip: string | null, email?: string): Promise<void> {
  const { authPerIpPerMinute, loginPerEmailPerMinute } = env().rateLimits;
  const checks = [hitRateLimit(db, `auth:ip:${ip ?? 'unknown'}`, authPerIpPerMinute)];
  if (email) checks.push(hitRateLimit(db, emailAddressKey(email, ip), loginPerEmailPerMinute));
  const refused = (await Promise.all(checks)).find((r) => !r.allowed);
  if (refused) {
    throw new AppError('rate_limited', `too many attempts; try again in ${refused.resetSeconds} s`, undefined, rateLimitHeaders(refused));
  }
}

// An account made through single sign-on has no password: its sign-in fails like a wrong password
// (saying which would tell a guesser that the email has an account), with a hint when SSO is on.
const invalidCredentials = () =>
  new AppError(
    'unauthenticated',
    env().oidc
      ? 'invalid email or password (an account made through single sign-on has no password: use single sign-on)'
      : 'invalid email or password',
    { reason: 'invalid_credentials' },
  );

export async function authenticatePassword(db: Db, input: { email: string; password: string; ip: string | null }) {
  assertPasswordSigninEnabled();
  await limitAuthAttempt(db, input.ip, input.email);
  const user = await findUserByEmail(db, input.email);
  if (!(await verifyPassword(input.password, user?.passwordHash)) || !user) throw invalidCredentials();
  // Said only after the password matched: the reason reveals nothing to someone guessing.
  if (user.status !== 'active')
    throw new AppError('unauthenticated', `this account is ${user.status}`, { reason: `account_${user.status}` });
  // The bucket is against guessing: a right password clears the attempts counted so far.
  await clearRateLimit(db, emailAddressKey(input.email, input.ip));
  return user;
}
