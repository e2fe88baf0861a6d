import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createSecretBox, openSecret, sealSecret, SecretBoxError } from './secret-box';
import { decodeSecretKey } from './secret-key';

const box = createSecretBox(randomBytes(32));

function failure(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error('expected a SecretBoxError');
}

describe('createSecretBox', () => {
  it('round-trips text, including empty and non-ASCII, with a fresh IV each time', () => {
    for (const plain of ['whsec_abc', '', 'pässwörd ✓ 🔑', 'x'.repeat(10_000)]) expect(box.open(box.seal(plain))).toBe(plain);
    const a = box.seal('same');
    const b = box.seal('same');
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same');
  });

  it('refuses a value sealed with another key', () => {
    const other = createSecretBox(randomBytes(32));
    expect(failure(() => other.open(box.seal('secret'))).reason).toBe('wrong_key_or_tampered');
  });

  it('refuses a tampered value (any byte flipped)', () => {
    const sealed = box.seal('secret value');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (const index of [0, 12, 20, raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[index] ^= 1;
      expect(failure(() => box.open(`v1:${altered.toString('base64url')}`)).reason).toBe('wrong_key_or_tampered');
    }
  });

  it('binds a context: a value copied to another row does not open there', () => {
    const sealed = box.seal('secret', 'action:1:signing-secret');
    expect(box.open(sealed, 'action:1:signing-secret')).toBe('secret');
    expect(failure(() => box.open(sealed, 'action:2:signing-secret')).reason).toBe('wrong_key_or_tampered');
    expect(failure(() => box.open(sealed)).reason).toBe('wrong_key_or_tampered');
  });

  it('says when a value is not sealed at all or by an unknown version', () => {
    expect(failure(() => box.open('plain text')).reason).toBe('malformed');
    expect(failure(() => box.open('v1:abc')).reason).toBe('malformed');
    expect(failure(() => box.open('v2:abcdef')).reason).toBe('unsupported_version');
  });

  it('needs a 32-byte key', () => {
    expect(failure(() => createSecretBox(randomBytes(16))).reason).toBe('no_key');
  });
});

describe('decodeSecretKey', () => {
  const key = randomBytes(32);
  it('reads hex and base64 (standard or URL-safe, padded or not)', () => {
    for (const text of [key.toString('hex'), key.toString('base64'), key.toString('base64url'), key.toString('base64').replace('=', '')]) {
      expect(decodeSecretKey(text)).toEqual(key);
    }
  });
  it('refuses other lengths and alphabets', () => {
    for (const text of [
      '',
      'abc',
      randomBytes(31).toString('hex'),
      randomBytes(33).toString('base64'),
      `${key.toString('hex').slice(2)}zz`,
    ]) {
      expect(decodeSecretKey(text)).toBeUndefined();
    }
  });
});

describe('sealSecret / openSecret', () => {
  it('use BASEPLATE_SECRET_KEY from the environment', () => {
    const key = randomBytes(32);
    vi.stubEnv('BASEPLATE_SECRET_KEY', key.toString('base64'));
    try {
      const sealed = sealSecret('whsec_abc', 'ctx');
      expect(openSecret(sealed, 'ctx')).toBe('whsec_abc');
      expect(createSecretBox(key).open(sealed, 'ctx')).toBe('whsec_abc');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
