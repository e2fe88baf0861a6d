import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

// The web server writes the TCP peer into x-baseplate-client-ip (overwriting anything a client
// sent); X-Forwarded-For is only believed when that peer is a trusted proxy.

function headers(peer: string | null, forwardedFor?: string): Headers {
  const h = new Headers();
  if (peer !== null) h.set('x-baseplate-client-ip', peer);
  if (forwardedFor !== undefined) h.set('x-forwarded-for', forwardedFor);
  return h;
}

describe('clientIp', () => {
  it('is the socket address when no proxy is trusted', () => {
    expect(clientIp(headers('203.0.113.7'), [])).toBe('203.0.113.7');
    expect(clientIp(headers('2001:db8::1'), [])).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (a spoof attempt)', () => {
    expect(clientIp(headers('203.0.113.7', '198.51.100.1'), [])).toBe('203.0.113.7');
    // Even with proxies configured, a direct client cannot pick its own address.
    expect(clientIp(headers('203.0.113.7', '198.51.100.1, 10.0.0.1'), ['10.0.0.1'])).toBe('203.0.113.7');
  });

  it('reads X-Forwarded-For from a trusted peer: the rightmost hop no trusted proxy vouches for', () => {
    const trusted = ['10.0.0.1', '10.0.0.2'];
    // client -> 10.0.0.2 -> 10.0.0.1 -> us; the client claimed to be 1.1.1.1 (spoof, left of it).
    expect(clientIp(headers('10.0.0.1', '1.1.1.1, 198.51.100.9, 10.0.0.2'), trusted)).toBe('198.51.100.9');
    expect(clientIp(headers('10.0.0.1', '198.51.100.9'), trusted)).toBe('198.51.100.9');
    // Two X-Forwarded-For headers are read as one list.
    const h = headers('10.0.0.1', '1.1.1.1');
    h.append('x-forwarded-for', '198.51.100.9');
    expect(clientIp(h, trusted)).toBe('198.51.100.9');
  });

  it('is the trusted peer itself when it forwarded nothing', () => {
    expect(clientIp(headers('10.0.0.1'), ['10.0.0.1'])).toBe('10.0.0.1');
  });

  it('normalises IPv4-mapped IPv6 addresses, for the peer and for the hops', () => {
    expect(clientIp(headers('::ffff:203.0.113.7'), [])).toBe('203.0.113.7');
    expect(clientIp(headers('::ffff:10.0.0.1', '::ffff:198.51.100.9'), ['10.0.0.1'])).toBe('198.51.100.9');
  });

  it('is null for garbage, from the peer or from a trusted hop', () => {
    expect(clientIp(headers('not-an-ip'), [])).toBeNull();
    expect(clientIp(headers('203.0.113.7:443'), [])).toBeNull();
    expect(clientIp(headers('10.0.0.1', '<script>'), ['10.0.0.1'])).toBeNull();
  });

  it('is null without the peer header (whatever X-Forwarded-For says)', () => {
    expect(clientIp(headers(null), [])).toBeNull();
    expect(clientIp(headers(null, '198.51.100.9'), ['10.0.0.1'])).toBeNull();
  });
});
