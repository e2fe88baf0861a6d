// Auth.js builds the OAuth redirect_uri twice: when the sign-in starts (a server action, from the
// Host and X-Forwarded-Proto headers) and at the callback (a route handler, from the request's
// URL). The provider refuses the code when the two differ, and they do: Next.js's request URL is
// http://localhost:<port> for a browser on http://127.0.0.1:<port> (NextRequest rewrites loopback
// addresses to "localhost"). So the callback gets a plain Request on the origin the browser used,
// read the same way the server action reads it. (The request front drops X-Forwarded-* from
// clients that are not TRUSTED_PROXIES; AUTH_URL, when set, still wins inside next-auth.)
export function withBrowserOrigin(request: Request): Request {
  if (request.method !== 'GET') return request; // the callback is a GET; other posts keep their body untouched
  const asIs = new URL(request.url);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const proto = request.headers.get('x-forwarded-proto') ?? asIs.protocol.replace(/:$/, '');
  try {
    if (host) return new Request(new URL(`${asIs.pathname}${asIs.search}`, `${proto}://${host}`), { headers: request.headers });
  } catch {
    // a malformed Host: the request front answers 400 before this runs
  }
  return request;
}
