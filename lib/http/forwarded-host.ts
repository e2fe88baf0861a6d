import { isIP } from 'node:net';
import { env } from '@/lib/env';

// The host (and scheme) the client asked for. X-Forwarded-Host / -Proto are believed only when
// the TCP peer (x-baseplate-client-ip, written by lib/cli/web-server.ts over whatever the client
// sent) is one of TRUSTED_PROXIES; from anyone else they are the client's own words, and would
// let it pass the same-origin check or put its host into the OpenAPI document's `servers`.

function normalise(ip: string): string {
  const trimmed = ip.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function fromTrustedProxy(headers: Headers, trustedProxies: string[]): boolean {
  const peer = headers.get('x-baseplate-client-ip');
  return !!peer && trustedProxies.map(normalise).includes(normalise(peer));
}

const first = (value: string | null) => value?.split(',')[0].trim() || null;

/** The requested host (with port, as in the Host header), or null. */
export function requestHost(headers: Headers, trustedProxies: string[] = env().trustedProxies): string | null {
  const forwarded = fromTrustedProxy(headers, trustedProxies) ? first(headers.get('x-forwarded-host')) : null;
  return forwarded ?? headers.get('host');
}

/** The requested scheme (`http` or `https`) when a trusted proxy says it, else null. */
export function forwardedProto(headers: Headers, trustedProxies: string[] = env().trustedProxies): string | null {
  const proto = fromTrustedProxy(headers, trustedProxies) ? first(headers.get('x-forwarded-proto'))?.toLowerCase() : null;
  return proto === 'http' || proto === 'https' ? proto : null;
}
