import { randomUUID } from 'node:crypto';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { syncGroupMemberships, type GroupSyncChange } from '@/lib/group-mappings/sync-group-memberships';
import { findUserByEmail } from '@/lib/users/find-user-by-email';
import type { SsoClaims } from './sso-claims';

// A person signs in through the OpenID Connect provider (lib/auth/next-auth.ts calls this from
// Auth.js's signIn callback, after Auth.js checked the ID token). In one transaction:
//   1. the account: the one linked to the provider's subject (issuer + sub); else the account
//      with the same email, now linked; else a new account without a password. The email must be
//      verified by the provider, else nothing happens: linking an unverified email would hand
//      someone else's account to whoever typed that address at the provider.
//   2. a suspended or inactive account stops here, as with a password.
//   3. team memberships from the person's groups (lib/group-mappings/sync-group-memberships.ts).

export type SsoSignIn = {
  user: { id: string; email: string; name: string | null };
  created: boolean;
  linked: boolean;
  changes: GroupSyncChange[];
};

export type SignInMeta = { ip: string | null; userAgent: string | null; requestId?: string };

function refuse(reason: string, message: string): never {
  throw new AppError('unauthenticated', message, { reason });
}

export async function signInWithSso(db: Db, claims: SsoClaims, meta: SignInMeta): Promise<SsoSignIn> {
  if (!claims.subject) refuse('subject_missing', 'the identity provider sent no subject (sub)');
  if (!claims.email) refuse('email_missing', 'the identity provider sent no email address');
  if (!claims.emailVerified) refuse('email_unverified', `the identity provider has not verified ${claims.email}`);
  const email = claims.email;
  return db.$transaction(async (tx) => {
    const identity = await tx.userIdentity.findUnique({
      where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
      select: { user: { select: { id: true, email: true, name: true, status: true } } },
    });
    let user = identity?.user ?? (await findUserByEmail(tx, email));
    const linked = !identity && !!user;
    const created = !user;
    user ??= await tx.user.create({
      data: { email, name: claims.name, passwordHash: null },
      select: { id: true, email: true, name: true, status: true },
    });
    if (user.status !== 'active') refuse(`account_${user.status}`, `this account is ${user.status}`);
    if (!identity) await tx.userIdentity.create({ data: { issuer: claims.issuer, subject: claims.subject, userId: user.id } });
    const person = { userId: user.id, email: user.email, name: user.name };
    const changes = await syncGroupMemberships(tx, person, claims.groups, {
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId ?? randomUUID(),
    });
    return { user: { id: user.id, email: user.email, name: user.name }, created, linked, changes };
  });
}
