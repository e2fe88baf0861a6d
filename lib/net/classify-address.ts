import ipaddr from 'ipaddr.js';
import { isAddressAllowed, type IpAddress, type OutboundAllowlist } from './outbound-allowlist';

// Which resolved addresses an outbound call may connect to. Only what ipaddr.js calls `unicast`
// (public) passes: loopback, private, link-local (the cloud metadata address 169.254.169.254),
// unique-local, CGNAT, 0.0.0.0/8, multicast, broadcast and the reserved ranges are refused unless
// an allowlist CIDR covers them. An IPv6 address that carries an IPv4 one (mapped ::ffff:a.b.c.d,
// translated, compatible ::a.b.c.d, NAT64 64:ff9b::/96) is judged by the IPv4 address it reaches:
// ::ffff:127.0.0.1 is loopback, 64:ff9b::8.8.8.8 is public.

export type AddressVerdict =
  | { allowed: true; address: string }
  | { allowed: false; address: string; /** ipaddr.js range name: loopback, private, linkLocal... */ range: string; embedded?: string };

/** The IPv4 address inside the IPv6 forms that deliver to an IPv4 host. */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = ip.parts;
  const low = () => new ipaddr.IPv4([p[6] >> 8, p[6] & 0xff, p[7] >> 8, p[7] & 0xff]);
  const zeroUpTo = (n: number) => p.slice(0, n).every((part) => part === 0);
  if (zeroUpTo(5) && p[5] === 0xffff) return low(); // IPv4-mapped
  if (zeroUpTo(4) && p[4] === 0xffff && p[5] === 0) return low(); // IPv4-translated (RFC 6145)
  if (zeroUpTo(6) && !(p[6] === 0 && p[7] <= 1)) return low(); // IPv4-compatible (deprecated), not :: or ::1
  if (p[0] === 0x64 && p[1] === 0xff9b && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) return low(); // NAT64
  return undefined;
}

/** Parses an address as a resolver or a URL gives it ("::1" without brackets; a zone id is kept out). */
export function parseAddress(address: string): IpAddress | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : undefined;
}

/** Decides whether an outbound call may connect to `address`. */
export function classifyAddress(address: string, allowlist: OutboundAllowlist): AddressVerdict {
  const ip = parseAddress(address);
  if (!ip) return { allowed: false, address, range: 'invalid' };
  const inner = ip.kind() === 'ipv6' ? embeddedIPv4(ip as ipaddr.IPv6) : undefined;
  // An IPv4 address also matches an allowlist entry written as ::ffff:a.b.c.d/n, and the reverse.
  const otherForm = inner ?? (ip.kind() === 'ipv4' ? (ip as ipaddr.IPv4).toIPv4MappedAddress() : undefined);
  if (isAddressAllowed(ip, allowlist, otherForm)) return { allowed: true, address };
  const judged = inner ?? ip;
  const range = judged.range();
  if (range === 'unicast') return { allowed: true, address };
  return inner ? { allowed: false, address, range, embedded: inner.toString() } : { allowed: false, address, range };
}

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified (0.0.0.0/8 or ::) address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (169.254.0.0/16 holds the cloud metadata service)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
  private: 'a private (RFC 1918) address',
  uniqueLocal: 'a unique-local (fc00::/7) address',
  invalid: 'not an IP address',
};

/** "127.0.0.1 is a loopback address", for error messages and run logs. */
export function describeRefusal(verdict: Extract<AddressVerdict, { allowed: false }>): string {
  const what = RANGE_WORDS[verdict.range] ?? `a reserved address (${verdict.range})`;
  return `${verdict.address} is ${what}${verdict.embedded ? ` (it reaches IPv4 ${verdict.embedded})` : ''}`;
}
