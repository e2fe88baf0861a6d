import { describe, expect, it } from 'vitest';
import { isHostAllowed, OutboundAllowlistError, parseOutboundAllowlist } from './outbound-allowlist';

describe('parseOutboundAllowlist', () => {
  it('reads CIDRs, bare addresses and host names, ignoring blanks', () => {
    const allowlist = parseOutboundAllowlist(
      ' 127.0.0.1/32,::1/128 ,, 10.1.0.0/16, [fd00::5], 192.168.1.9, Hooks.Internal.Example., ci_runner.lan',
    );
    expect(allowlist.entries).toEqual([
      '127.0.0.1/32',
      '::1/128',
      '10.1.0.0/16',
      '[fd00::5]',
      '192.168.1.9',
      'Hooks.Internal.Example.',
      'ci_runner.lan',
    ]);
    expect(allowlist.cidrs.map(([ip, bits]) => `${ip.toString()}/${bits}`)).toEqual([
      '127.0.0.1/32',
      '::1/128',
      '10.1.0.0/16',
      'fd00::5/128',
      '192.168.1.9/32',
    ]);
    expect([...allowlist.hosts]).toEqual(['hooks.internal.example', 'ci_runner.lan']);
  });

  it('is empty when unset', () => {
    expect(parseOutboundAllowlist(undefined).entries).toEqual([]);
    expect(parseOutboundAllowlist('  ').cidrs).toEqual([]);
  });

  it.each([
    ['10.0.0.0/33', '"10.0.0.0/33"'],
    ['http://hooks.example', '"http://hooks.example"'],
    ['hooks.example:8080', '"hooks.example:8080"'],
    ['hooks.example/path', '"hooks.example/path"'],
    ['10.1.2.300', '"10.1.2.300"'],
    ['*', '"*"'],
    ['-bad.example', '"-bad.example"'],
  ])('refuses %s with a message naming it', (raw, named) => {
    expect(() => parseOutboundAllowlist(raw)).toThrow(OutboundAllowlistError);
    expect(() => parseOutboundAllowlist(raw)).toThrow(named);
  });

  it('names every bad entry at once', () => {
    expect(() => parseOutboundAllowlist('a b, 10.0.0.0/8, ftp://x')).toThrow(/^"a b", "ftp:\/\/x" are neither/);
  });
});

describe('isHostAllowed', () => {
  const allowlist = parseOutboundAllowlist('hooks.internal.example');
  it('matches the exact name, whatever its case or trailing dot', () => {
    expect(isHostAllowed('hooks.internal.example', allowlist)).toBe(true);
    expect(isHostAllowed('HOOKS.internal.example.', allowlist)).toBe(true);
  });
  it('does not extend to other names under it or around it', () => {
    expect(isHostAllowed('evil.hooks.internal.example', allowlist)).toBe(false);
    expect(isHostAllowed('hooks.internal.example.evil.com', allowlist)).toBe(false);
    expect(isHostAllowed('internal.example', allowlist)).toBe(false);
  });
});
