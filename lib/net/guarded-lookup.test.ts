import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createGuardedLookup, type Resolve } from './guarded-lookup';
import { OutboundRefused } from './outbound-errors';
import { EMPTY_ALLOWLIST, parseOutboundAllowlist, type OutboundAllowlist } from './outbound-allowlist';

// The lookup's decisions on canned resolver answers (what a hostile DNS server could return); the
// real resolver and sockets are exercised in guarded-fetch.test.ts.

function resolverAnswering(addresses: string[]): Resolve {
  return (_hostname, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
}

function lookUp(addresses: string[], all: boolean, allowlist: OutboundAllowlist = EMPTY_ALLOWLIST, host = 'hooks.example.com') {
  const lookup = createGuardedLookup(allowlist, 'https://hooks.example.com', 0, resolverAnswering(addresses));
  return new Promise<{ error: unknown; result: unknown }>((resolve) => {
    lookup(host, { all }, (error: unknown, address: string | LookupAddress[], family?: number) =>
      resolve({ error, result: error ? undefined : all ? address : { address, family } }),
    );
  });
}

describe('createGuardedLookup', () => {
  it('hands the socket the checked public addresses, all or the first', async () => {
    expect((await lookUp(['93.184.216.34', '2606:2800:220:1::1'], true)).result).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect((await lookUp(['93.184.216.34', '2606:2800:220:1::1'], false)).result).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('refuses the whole answer when any one address is not public (one public, one private record)', async () => {
    const { error } = await lookUp(['93.184.216.34', '169.254.169.254'], false);
    expect(error).toBeInstanceOf(OutboundRefused);
    expect((error as OutboundRefused).message).toBe(
      'https://hooks.example.com: hooks.example.com resolves to 169.254.169.254 is a link-local address (169.254.0.0/16 holds the cloud metadata service); BASEPLATE_OUTBOUND_ALLOW can allow it',
    );
    expect((await lookUp(['::ffff:10.0.0.1'], true)).error).toBeInstanceOf(OutboundRefused);
  });

  it('lets allowlisted addresses through, and every address of an allowlisted name', async () => {
    expect((await lookUp(['10.1.2.3'], false, parseOutboundAllowlist('10.1.0.0/16'))).error).toBeNull();
    expect((await lookUp(['10.2.0.1'], false, parseOutboundAllowlist('10.1.0.0/16'))).error).toBeInstanceOf(OutboundRefused);
    expect((await lookUp(['10.2.0.1', '127.0.0.1'], true, parseOutboundAllowlist('hooks.example.com'))).error).toBeNull();
    expect((await lookUp(['10.2.0.1'], true, parseOutboundAllowlist('hooks.example.com'), 'other.example.com')).error).toBeInstanceOf(
      OutboundRefused,
    );
  });

  it('passes a resolver failure on, and treats an empty answer as not found', async () => {
    const failing: Resolve = (_h, _o, callback) => callback(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }), []);
    const lookup = createGuardedLookup(EMPTY_ALLOWLIST, 'x', 0, failing);
    const error = await new Promise((resolve) => lookup('x', {}, (e) => resolve(e)));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
    expect((await lookUp([], true)).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
