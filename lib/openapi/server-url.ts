import { forwardedProto, requestHost } from '@/lib/http/forwarded-host';

// The origin a caller reached this server at, for the `servers` of a team's document. Behind a
// trusted proxy (TRUSTED_PROXIES) the X-Forwarded-* headers name it; from anyone else they are
// ignored (lib/http/forwarded-host.ts, as in lib/http/route.ts's same-origin check).

export function serverUrlOf(headers: Headers, fallback = 'http://localhost', trustedProxies?: string[]): string {
  const host = requestHost(headers, trustedProxies);
  if (!host) return new URL(fallback).origin;
  const proto = forwardedProto(headers, trustedProxies) ?? new URL(fallback).protocol.replace(':', '');
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return new URL(fallback).origin; // a Host header that is no host: never echo it into the document
  }
}
