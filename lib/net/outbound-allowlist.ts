import ipaddr from 'ipaddr.js';

// BASEPLATE_OUTBOUND_ALLOW, compiled once: the private, loopback or otherwise non-public places an
// operator lets webhooks and pulls reach. A CIDR (or a bare address) allows those addresses, whatever
// name led to them; a host name allows every address that name resolves to, and only through that
// name. Entries that are neither stop Baseplate at start (lib/env.ts): a typo that silently allowed
// nothing would be found late, one that silently allowed too much, never.

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export type OutboundAllowlist = {
  /** The entries as written (normalized), for messages and docs. */
  readonly entries: readonly string[];
  readonly cidrs: readonly (readonly [IpAddress, number])[];
  /** Lowercase host names without a trailing dot. */
  readonly hosts: ReadonlySet<string>;
};

export class OutboundAllowlistError extends Error {}

export const EMPTY_ALLOWLIST: OutboundAllowlist = { entries: [], cidrs: [], hosts: new Set() };

// DNS labels (underscores tolerated: internal names have them). The last label must not be all
// digits: URL parsing reads such a host as an IPv4 address, so "10.1.2.300" is a typo, not a name.
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

function parseEntry(entry: string): { cidr: readonly [IpAddress, number] } | { host: string } | undefined {
  if (entry.includes('/')) {
    return ipaddr.isValidCIDR(entry) ? { cidr: ipaddr.parseCIDR(entry) } : undefined;
  }
  const bare = entry.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.IPv6.isValid(bare) || ipaddr.IPv4.isValidFourPartDecimal(bare)) {
    const ip = ipaddr.parse(bare);
    return { cidr: [ip, ip.kind() === 'ipv4' ? 32 : 128] };
  }
  const host = entry.toLowerCase().replace(/\.$/, '');
  if (!HOST_NAME.test(host) || /^\d+$/.test(host.split('.').at(-1) ?? '')) return undefined;
  return { host };
}

/** Compiles a comma-separated allowlist; throws naming every entry it cannot read. */
export function parseOutboundAllowlist(raw: string | undefined): OutboundAllowlist {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const cidrs: (readonly [IpAddress, number])[] = [];
  const hosts = new Set<string>();
  const bad: string[] = [];
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed) bad.push(entry);
    else if ('cidr' in parsed) cidrs.push(parsed.cidr);
    else hosts.add(parsed.host);
  }
  if (bad.length > 0) {
    throw new OutboundAllowlistError(
      `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} neither a CIDR (10.1.0.0/16, fd00::/8), ` +
        'an IP address nor a host name (hooks.internal.example; no scheme, port or path)',
    );
  }
  return { entries, cidrs, hosts };
}

/** Whether a URL's host name is allowed by name (exact match, case and trailing dot ignored). */
export function isHostAllowed(hostname: string, allowlist: OutboundAllowlist): boolean {
  return allowlist.hosts.has(hostname.toLowerCase().replace(/\.$/, ''));
}

/** Whether an address falls in one of the allowlist's CIDRs (an IPv4 one also as ::ffff:a.b.c.d). */
export function isAddressAllowed(ip: IpAddress, allowlist: OutboundAllowlist, alsoAs?: IpAddress): boolean {
  const forms = alsoAs ? [ip, alsoAs] : [ip];
  return allowlist.cidrs.some(([network, bits]) => forms.some((form) => form.kind() === network.kind() && form.match(network, bits)));
}
