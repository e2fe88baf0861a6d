import { handlers } from '@/lib/auth/next-auth';

// next-auth's own endpoints (/api/auth/*): browser sign-in, sign-out, session, CSRF token.
export const { GET, POST } = handlers;
