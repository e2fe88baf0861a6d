import { withBrowserOrigin } from '@/lib/auth/browser-origin';
import { handlers } from '@/lib/auth/next-auth';

// next-auth's own endpoints (/api/auth/*): browser sign-in, sign-out, session, CSRF token, and the
// single sign-on callback (/api/auth/callback/oidc), on the origin the browser used.
export const GET = (request: Request) => handlers.GET(withBrowserOrigin(request));
export const POST = (request: Request) => handlers.POST(withBrowserOrigin(request));
