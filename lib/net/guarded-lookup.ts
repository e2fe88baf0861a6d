import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, describeRefusal } from './classify-address';
import { OutboundRefused } from './outbound-errors';
import { isHostAllowed, type OutboundAllowlist } from './outbound-allowlist';

// The resolver the outbound socket connects through. Checking a name's addresses beforehand and
// letting the socket resolve it again would leave a window (DNS rebinding: public at the check,
// 127.0.0.1 at the connect). Here the one resolution is checked and handed straight to the socket:
// it can only connect to an address this function saw and allowed. Every address of the answer
// must pass, not just the first: a name with one public and one private record is refused.

export type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** A `lookup` for http.request / net.connect, guarding every address it returns. `resolve` is the
 * system resolver (getaddrinfo, as Node's default lookup); tests give canned answers. */
export function createGuardedLookup(
  allowlist: OutboundAllowlist,
  where: string,
  hop: number,
  resolve: Resolve = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (!isHostAllowed(hostname, allowlist)) {
        for (const { address } of addresses) {
          const verdict = classifyAddress(address, allowlist);
          if (!verdict.allowed) {
            const message = `${where}: ${hostname} resolves to ${describeRefusal(verdict)}; BASEPLATE_OUTBOUND_ALLOW can allow it`;
            return callback(new OutboundRefused('private_address', message, hop) as unknown as NodeJS.ErrnoException, '', 0);
          }
        }
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
