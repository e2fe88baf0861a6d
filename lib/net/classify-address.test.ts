import { describe, expect, it } from 'vitest';
import { classifyAddress, describeRefusal } from './classify-address';
import { EMPTY_ALLOWLIST, parseOutboundAllowlist } from './outbound-allowlist';

describe('classifyAddress without an allowlist', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b:1::1', 'rfc6052'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
  ])('refuses %s (%s)', (address, range) => {
    expect(classifyAddress(address, EMPTY_ALLOWLIST)).toEqual({ allowed: false, address, range });
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
    ['::ffff:7f00:1', 'loopback', '127.0.0.1'],
    ['::ffff:169.254.169.254', 'linkLocal', '169.254.169.254'],
    ['::ffff:10.1.2.3', 'private', '10.1.2.3'],
    ['::ffff:0:192.168.0.1', 'private', '192.168.0.1'],
    ['::127.0.0.1', 'loopback', '127.0.0.1'],
    ['::10.0.0.1', 'private', '10.0.0.1'],
    ['64:ff9b::127.0.0.1', 'loopback', '127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal', '169.254.169.254'],
  ])('judges %s by the IPv4 address it carries (%s)', (address, range, embedded) => {
    expect(classifyAddress(address, EMPTY_ALLOWLIST)).toEqual({ allowed: false, address, range, embedded });
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '64:ff9b::8.8.8.8',
    '::ffff:8.8.8.8',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address, EMPTY_ALLOWLIST)).toEqual({ allowed: true, address });
  });

  it('refuses what is not an address at all', () => {
    expect(classifyAddress('localhost', EMPTY_ALLOWLIST)).toMatchObject({ allowed: false, range: 'invalid' });
  });

  it('explains a refusal in words a team can act on', () => {
    const verdict = classifyAddress('::ffff:169.254.169.254', EMPTY_ALLOWLIST);
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(describeRefusal(verdict)).toBe(
      '::ffff:169.254.169.254 is a link-local address (169.254.0.0/16 holds the cloud metadata service) (it reaches IPv4 169.254.169.254)',
    );
  });
});

describe('classifyAddress through an allowlist', () => {
  const allowlist = parseOutboundAllowlist('127.0.0.1/32, ::1/128, 10.1.0.0/16, fd00:1::/32, 192.168.5.5, hooks.internal.example');

  it.each(['127.0.0.1', '::1', '10.1.0.1', '10.1.255.255', 'fd00:1::9', '192.168.5.5', '::ffff:127.0.0.1', '::ffff:10.1.2.3'])(
    'allows %s',
    (address) => {
      expect(classifyAddress(address, allowlist).allowed).toBe(true);
    },
  );

  it.each(['127.0.0.2', '10.2.0.1', 'fd00:2::1', '192.168.5.6', '169.254.169.254', '::ffff:127.0.0.2'])('still refuses %s', (address) => {
    expect(classifyAddress(address, allowlist).allowed).toBe(false);
  });

  it('matches an IPv4 address against a CIDR written in its IPv4-mapped form', () => {
    expect(classifyAddress('10.9.0.1', parseOutboundAllowlist('::ffff:10.9.0.0/112')).allowed).toBe(true);
  });
});
