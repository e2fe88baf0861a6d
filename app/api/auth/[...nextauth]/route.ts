import { withBrowserOrigin } from '@/lib/auth/browser-origin';
import { handlers } from '@/lib/auth/next-auth';

// next-auth's own endpoints (/api/auth/*): browser sign-in, sign-out, session, CSRF token, and the
// single sign-on callback (/api/auth/callback/oidc), on the origin the browser used. Auth.js reads
// only the URL, headers and body of the request (a plain Request; NextRequest would rename the host).
type AuthRequest = Parameters<typeof handlers.GET>[0];
export const GET = (request: Request) => handlers.GET(withBrowserOrigin(request) as AuthRequest);
export const POST = handlers.POST;
