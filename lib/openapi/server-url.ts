// The origin a caller reached this server at, for the `servers` of a team's document. Behind a
// proxy the X-Forwarded-* headers name it (as lib/http/route.ts's same-origin check reads them).

export function serverUrlOf(headers: Headers, fallback = 'http://localhost'): string {
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host');
  if (!host) return new URL(fallback).origin;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || new URL(fallback).protocol.replace(':', '');
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return new URL(fallback).origin; // a Host header that is no host: never echo it into the document
  }
}
