import { NextRequest } from 'next/server';

// Auth.js builds the OAuth redirect_uri twice: when the sign-in starts (a server action, from the
// Host and X-Forwarded-Proto headers) and at the callback (a route handler, from the request's
// URL, which Next.js's custom server gives as http://localhost:<port>). The provider refuses the
// code when the two differ, so the callback's request gets the origin the browser used, read the
// same way as the server action reads it. (The request front drops X-Forwarded-* from clients
// that are not TRUSTED_PROXIES; AUTH_URL, when set, still wins inside next-auth.)
export function withBrowserOrigin(request: Request): NextRequest {
  const asIs = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto') ?? asIs.protocol.replace(/:$/, '');
  let url = asIs;
  try {
    if (host) url = new URL(`${asIs.pathname}${asIs.search}`, `${proto}://${host}`);
  } catch {
    // a malformed Host: the request front answers 400 before this runs
  }
  return new NextRequest(url, request);
}
