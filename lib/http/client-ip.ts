import { isIP } from 'node:net';
import { env } from '@/lib/env';

// The client's IP address for the audit log and rate limits. The web server (lib/cli/web-server.ts)
// puts the TCP peer's address in x-baseplate-client-ip, overwriting whatever a client sent. Only
// when that peer is a configured trusted proxy is X-Forwarded-For read, from the right, skipping
// trusted proxies: the first address no trusted proxy vouches for is the client.

const CLIENT_IP_HEADER = 'x-baseplate-client-ip';

function normalise(ip: string): string {
  const trimmed = ip.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

export function clientIp(headers: Headers, trustedProxies: string[] = env().trustedProxies): string | null {
  const peer = headers.get(CLIENT_IP_HEADER);
  if (!peer) return null;
  const trusted = new Set(trustedProxies.map(normalise));
  let client = normalise(peer);
  if (trusted.has(client)) {
    const hops = (headers.get('x-forwarded-for') ?? '').split(',').map(normalise).filter(Boolean);
    while (hops.length > 0 && trusted.has(client)) client = hops.pop()!;
  }
  return isIP(client) ? client : null;
}
