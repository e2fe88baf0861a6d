import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { authenticatePassword } from './authenticate-password';

// Browser sessions: next-auth (Auth.js v5) with email + password and JWT session cookies. The
// cookie only names the user; every request re-reads the user (lib/auth/resolve-actor.ts), so a
// suspended user is out at once. Configured lazily: the secret is read at request time.

class RateLimitedSignin extends CredentialsSignin {
  code = 'rate_limited';
}

class SuspendedSignin extends CredentialsSignin {
  code = 'inactive';
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().authSecret,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 30 * 86_400 },
  pages: { signIn: '/login' },
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
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));

/** The signed-in user's id from the session cookie, or null. */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
