import { classifyAddress, describeRefusal, parseAddress } from './classify-address';
import { OutboundRefused } from './outbound-errors';
import type { OutboundAllowlist } from './outbound-allowlist';

// The checks a URL passes before any connection: scheme, credentials, and for a host that is an IP
// literal, the address itself (Node connects to a literal without calling the lookup that guards
// names). URL parsing has already normalized the odd IPv4 spellings: http://2130706433/,
// http://0x7f.1/ and http://127.1/ all reach 127.0.0.1, and that is what is checked.

/** "https://hooks.example.com:8443": names a hop without its path or query, which may hold secrets. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** Parses and checks one hop's URL; `where` prefixes messages ("redirect 2 to ..."). */
export function checkOutboundUrl(raw: string | URL, allowlist: OutboundAllowlist, hop = 0): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused('invalid_url', hop === 0 ? 'not a valid URL' : `redirect ${hop}: its Location is not a valid URL`, hop);
  }
  const where = hop === 0 ? originOf(url) : `redirect ${hop} to ${originOf(url)}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefused('scheme', `${where}: only http: and https: URLs are allowed`, hop);
  }
  if (url.username || url.password) {
    throw new OutboundRefused(
      'credentials',
      `${where}: credentials in the URL (user:password@) are not allowed; send them in a header`,
      hop,
    );
  }
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (parseAddress(literal)) {
    const verdict = classifyAddress(literal, allowlist);
    if (!verdict.allowed) {
      throw new OutboundRefused('private_address', `${where}: ${describeRefusal(verdict)}; BASEPLATE_OUTBOUND_ALLOW can allow it`, hop);
    }
  }
  return url;
}
