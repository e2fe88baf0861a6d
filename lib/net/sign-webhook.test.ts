import { describe, expect, it } from 'vitest';
import { generateSigningSecret, signWebhook, verifyWebhookSignature } from './sign-webhook';

const SECRET = 'whsec_test';
const BODY = '{"run":{"id":"r1"},"inputs":{"name":"café"}}';
const AT = new Date(1_700_000_000_000);
// Computed outside this code: printf '1700000000.<BODY>' | openssl dgst -sha256 -hmac whsec_test
const KNOWN = 'v1=cbfc2485bd8aae7012a30b85a8b2b36280866a1648367b4ea559f8d432c08860';

describe('signWebhook', () => {
  it('matches the known answer (HMAC-SHA256 of "<timestamp>.<raw body>", UTF-8)', () => {
    expect(signWebhook(SECRET, BODY, AT)).toEqual({ 'X-Baseplate-Timestamp': '1700000000', 'X-Baseplate-Signature': KNOWN });
  });

  it('signs the bytes given, a Buffer the same as its string', () => {
    expect(signWebhook(SECRET, Buffer.from(BODY, 'utf8'), AT)).toEqual(signWebhook(SECRET, BODY, AT));
  });

  it('signs an empty body', () => {
    expect(signWebhook(SECRET, '', AT)['X-Baseplate-Signature']).toBe(
      'v1=5967f3c560522fa40cf2876ebc3c3a08551dd6959aaade3b413460591895bdcc',
    );
  });
});

describe('verifyWebhookSignature', () => {
  const headers = { 'x-baseplate-timestamp': '1700000000', 'x-baseplate-signature': KNOWN };

  it('accepts the signature within the tolerance, from node headers or fetch Headers', () => {
    expect(verifyWebhookSignature(SECRET, headers, BODY, { now: new Date(1_700_000_299_000) })).toEqual({ valid: true });
    expect(verifyWebhookSignature(SECRET, new Headers(headers), Buffer.from(BODY), { now: AT })).toEqual({ valid: true });
    expect(verifyWebhookSignature(SECRET, signWebhook(SECRET, BODY, AT), BODY, { now: AT })).toEqual({ valid: true });
  });

  it('refuses a timestamp out of tolerance, in either direction', () => {
    expect(verifyWebhookSignature(SECRET, headers, BODY, { now: new Date(1_700_000_301_000) })).toEqual({
      valid: false,
      reason: 'timestamp_out_of_tolerance',
    });
    expect(verifyWebhookSignature(SECRET, headers, BODY, { now: new Date(1_699_999_000_000) })).toMatchObject({ valid: false });
    expect(verifyWebhookSignature(SECRET, headers, BODY, { now: new Date(1_700_000_400_000), toleranceSeconds: 600 })).toEqual({
      valid: true,
    });
  });

  it('refuses a tampered body, timestamp, signature or a different secret', () => {
    const mismatch = { valid: false, reason: 'signature_mismatch' };
    expect(verifyWebhookSignature(SECRET, headers, BODY.replace('r1', 'r2'), { now: AT })).toEqual(mismatch);
    expect(verifyWebhookSignature(SECRET, { ...headers, 'x-baseplate-timestamp': '1700000001' }, BODY, { now: AT })).toEqual(mismatch);
    expect(verifyWebhookSignature(SECRET, { ...headers, 'x-baseplate-signature': KNOWN.replace('cb', 'cc') }, BODY, { now: AT })).toEqual(
      mismatch,
    );
    expect(verifyWebhookSignature('whsec_other', headers, BODY, { now: AT })).toEqual(mismatch);
    expect(verifyWebhookSignature(SECRET, { ...headers, 'x-baseplate-signature': 'v0=' + KNOWN.slice(3) }, BODY, { now: AT })).toEqual(
      mismatch,
    );
  });

  it('accepts any one of several signatures (secret rotation)', () => {
    const both = { ...headers, 'x-baseplate-signature': `v1=${'0'.repeat(64)}, ${KNOWN}` };
    expect(verifyWebhookSignature(SECRET, both, BODY, { now: AT })).toEqual({ valid: true });
  });

  it('says what is missing or malformed', () => {
    expect(verifyWebhookSignature(SECRET, {}, BODY, { now: AT })).toEqual({ valid: false, reason: 'missing_headers' });
    expect(verifyWebhookSignature(SECRET, { ...headers, 'x-baseplate-timestamp': '1e9' }, BODY, { now: AT })).toEqual({
      valid: false,
      reason: 'malformed_timestamp',
    });
  });
});

describe('generateSigningSecret', () => {
  it('is whsec_ and 32 random bytes in hex, different each time', () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(generateSigningSecret()).not.toBe(a);
  });
});
