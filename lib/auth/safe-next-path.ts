// Where to go after signing in (`/login?callbackUrl=...`, or its older name `next`): only a path
// of this very site; anything else becomes the default landing page, `/`. The value is parsed
// against an origin, as the browser will resolve it, and kept only when it stays on that origin;
// a prefix check is not enough (`/\example.org` is `//example.org` to a browser).

const BASE = 'http://baseplate.invalid';

export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || value === '' || !value.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A normalised path may still begin with `//` (`/.//x`): the browser would read a host there.
  return path.startsWith('//') ? '/' : path;
}
