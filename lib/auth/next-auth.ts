import NextAuth, { CredentialsSignin, type Session } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError, reasonOf } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { log } from '@/lib/observability/logger';
import { authLogger } from './auth-logger';
import { authenticatePassword } from './authenticate-password';
import { OIDC_PROVIDER_ID, oidcProvider } from './sso/oidc-provider';
import { ssoClaimsFrom } from './sso/sso-claims';
import { signInWithSso } from './sso/sso-sign-in';
import { createUserSession, deleteUserSession, SESSION_DAYS, type SessionRef } from './user-sessions';

// Browser sessions: next-auth (Auth.js v5) with email + password and/or single sign-on through an
// OpenID Connect provider (lib/auth/sso), and JWT session cookies. The
// cookie names the user and a server-side session row (`sid`, lib/auth/user-sessions.ts); every
// request re-reads both (lib/auth/resolve-actor.ts), so a suspended user is out at once and a
// signed-out cookie is dead even if someone kept a copy, whichever way the person signed in.
// Configured lazily: the secret and the providers are read at request time.

class RateLimitedSignin extends CredentialsSignin {
  code = 'rate_limited';
}

class SuspendedSignin extends CredentialsSignin {
  code = 'inactive';
}

const passwordProvider = () =>
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
  });

export const { handlers, auth, signIn, signOut } = NextAuth((request) => ({
  secret: env().authSecret,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_DAYS * 86_400 },
  // Every refusal (a bad ID token, a provider error) lands on the sign-in page, which says why.
  pages: { signIn: '/login', error: '/login' },
  logger: authLogger(log),
  providers: [...(env().passwordSignin ? [passwordProvider()] : []), ...(env().oidc ? [oidcProvider(env().oidc!)] : [])],
  callbacks: {
    // Single sign-on: Auth.js has checked the ID token; find, link or create the account and apply
    // the team group mappings. A refusal goes back to the sign-in page with its reason.
    signIn: async ({ user, account, profile }) => {
      const settings = env().oidc;
      if (account?.provider !== OIDC_PROVIDER_ID || !settings) return true;
      try {
        const claims = ssoClaimsFrom(profile ?? {}, settings.issuer, settings.groupsClaim);
        const headers = request?.headers;
        const result = await signInWithSso(getDb(), claims, {
          ip: headers ? clientIp(headers) : null,
          userAgent: headers?.get('user-agent') ?? null,
        });
        user.id = result.user.id; // the same object reaches the jwt callback below
        return true;
      } catch (error) {
        if (error instanceof AppError && error.code === 'unauthenticated') return `/login?error=${reasonOf(error) ?? 'sso_refused'}`;
        throw error;
      }
    },
    // At sign-in (and only then) `user` and `account` are set: open the server-side session the
    // cookie will name. (A first single sign-on is trigger 'signUp' for Auth.js; the same here.)
    jwt: async ({ token, user, account }) => {
      if (account && user?.id) {
        token.sub = user.id;
        token.sid = await createUserSession(getDb(), user.id, request?.headers.get('user-agent') ?? null);
      }
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
