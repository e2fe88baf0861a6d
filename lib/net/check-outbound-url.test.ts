import { describe, expect, it } from 'vitest';
import { checkOutboundUrl } from './check-outbound-url';
import { OutboundRefused } from './outbound-errors';
import { EMPTY_ALLOWLIST, parseOutboundAllowlist } from './outbound-allowlist';

function refusal(url: string, allowlist = EMPTY_ALLOWLIST): OutboundRefused {
  try {
    checkOutboundUrl(url, allowlist);
  } catch (error) {
    if (error instanceof OutboundRefused) return error;
    throw error;
  }
  throw new Error(`${url} was not refused`);
}

describe('checkOutboundUrl', () => {
  it.each([
    ['ftp://example.com/x', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:pass@example.com/', 'credentials'],
    ['https://token@example.com/', 'credentials'],
    ['not a url', 'invalid_url'],
    ['http://127.0.0.1/', 'private_address'],
    ['http://2130706433/', 'private_address'],
    ['http://0x7f.1/', 'private_address'],
    ['http://127.1:8080/', 'private_address'],
    ['http://0/', 'private_address'],
    ['http://[::1]/', 'private_address'],
    ['http://[::ffff:127.0.0.1]/', 'private_address'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'private_address'],
    ['http://169.254.169.254/latest/meta-data/', 'private_address'],
    ['https://10.0.0.5:8443/hook', 'private_address'],
    ['http://[fd00::1]/', 'private_address'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(refusal(url).reason).toBe(reason);
  });

  it('checks the address URL parsing normalized the odd spellings to', () => {
    expect(refusal('http://2130706433/').message).toBe(
      'http://127.0.0.1: 127.0.0.1 is a loopback address; BASEPLATE_OUTBOUND_ALLOW can allow it',
    );
  });

  it('never puts credentials, paths or queries in the message', () => {
    const message = refusal('https://alice:s3cret@example.com/hook?token=abc').message;
    expect(message).not.toMatch(/s3cret|alice|token|hook/);
  });

  it('passes public hosts and names (names are checked when they resolve)', () => {
    expect(checkOutboundUrl('https://hooks.example.com/x?y=1', EMPTY_ALLOWLIST).hostname).toBe('hooks.example.com');
    expect(checkOutboundUrl('http://8.8.8.8/', EMPTY_ALLOWLIST).hostname).toBe('8.8.8.8');
    expect(checkOutboundUrl('http://localhost:3000/', EMPTY_ALLOWLIST).hostname).toBe('localhost');
  });

  it('passes an allowlisted literal address', () => {
    const allowlist = parseOutboundAllowlist('127.0.0.1/32,::1/128');
    expect(checkOutboundUrl('http://127.0.0.1:8080/', allowlist).port).toBe('8080');
    expect(checkOutboundUrl('http://[::1]/', allowlist).hostname).toBe('[::1]');
    expect(refusal('http://127.0.0.2/', allowlist).reason).toBe('private_address');
  });

  it('names the hop of a redirect', () => {
    try {
      checkOutboundUrl('http://169.254.169.254/', EMPTY_ALLOWLIST, 2);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toMatchObject({ reason: 'private_address', hop: 2 });
      expect((error as Error).message).toMatch(/^redirect 2 to http:\/\/169\.254\.169\.254: /);
    }
  });
});
