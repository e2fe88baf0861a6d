import { safeNextPath } from '@/lib/auth/safe-next-path';

// Where a signed-out person is sent: /login, with the page they asked for as `callbackUrl`, so
// that signing in (or registering) brings them back to it. Isomorphic: no server-only import.

/** Set by the request front (lib/cli/handle-request.ts) on every request, overwriting any client's. */
export const REQUEST_PATH_HEADER = 'x-baseplate-path';

/** Next.js's own query parameter on a client navigation's RSC request; not part of the page's URL. */
const INTERNAL_PARAMS = ['_rsc'];

/**
 * The page's path and query as the person sees it in the address bar (Next's internals removed).
 * The query is filtered as text, not re-serialised: URLSearchParams would turn `%20` into `+`,
 * and the person must land on exactly the URL they opened.
 */
export function pagePathOf(raw: string | null | undefined): string {
  const path = safeNextPath(raw);
  const at = path.indexOf('?');
  if (at < 0) return path;
  const kept = path
    .slice(at + 1)
    .split('&')
    .filter((pair) => !INTERNAL_PARAMS.includes(pair.split('=')[0]));
  return kept.length ? `${path.slice(0, at)}?${kept.join('&')}` : path.slice(0, at);
}

/** `/login` (or `/register`) carrying `callbackUrl`, left off when it is the default landing page. */
export function signInHref(callbackUrl: string | null | undefined, page: '/login' | '/register' = '/login'): string {
  const path = safeNextPath(callbackUrl);
  return path === '/' ? page : `${page}?callbackUrl=${encodeURIComponent(path)}`;
}
