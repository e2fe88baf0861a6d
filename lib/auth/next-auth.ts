import NextAuth, { CredentialsSignin, type Session } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { log } from '@/lib/observability/logger';
import { authLogger } from './auth-logger';
import { authenticatePassword } from './authenticate-password';
import { createUserSession, deleteUserSession, SESSION_DAYS, type SessionRef } from './user-sessions';

// Browser sessions: next-auth (Auth.js v5) with email + password and JWT session cookies. The
// cookie names the user and a server-side session row (`sid`, lib/auth/user-sessions.ts); every
// request re-reads both (lib/auth/resolve-actor.ts), so a suspended user is out at once and a
// signed-out cookie is dead even if someone kept a copy. Configured lazily: the secret is read at
// request time.

class RateLimitedSignin extends CredentialsSignin {
  code = 'rate_limited';
}

class SuspendedSignin extends CredentialsSignin {
  code = 'inactive';
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().authSecret,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_DAYS * 86_400 },
  pages: { signIn: '/login' },
  logger: authLogger(log),
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      authorize: async (credentials, request) => {
        const email = typeof credentials.email === 'string' ? credentials.email : '';
        const password = typeof credentials.password === 'string' ? credentials.password : '';
        if (!email || !password) return null;
        try {
          const user = await authenticatePassword(getDb(), { email, password, ip: clientIp(request.headers) });
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          if (error instanceof AppError && error.code === 'rate_limited') throw new RateLimitedSignin();
          if (error instanceof AppError && error.message.startsWith('this account is')) throw new SuspendedSignin();
          if (error instanceof AppError && error.code === 'unauthenticated') return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // At sign-in (and only then) `user` is set: open the server-side session the cookie will name.
    jwt: async ({ token, user, trigger }) => {
      if (trigger === 'signIn' && user?.id) token.sid = await createUserSession(getDb(), user.id, null);
      return token;
    },
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === 'string') (session as typeof session & { sid?: string }).sid = token.sid;
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server, not only the cookie in this browser.
    signOut: async (message) => {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await deleteUserSession(getDb(), sid);
    },
  },
}));

/**
 * The signed-in session from the cookie (its user and server-side session id), or null. Not yet
 * checked against the database: lib/auth/resolve-actor.ts does that on every request.
 */
export async function sessionUserId(): Promise<SessionRef | null> {
  const session: (Session & { sid?: string }) | null = await auth();
  const userId = session?.user?.id;
  return userId && session?.sid ? { userId, sessionId: session.sid } : null;
}
