import { describe, expect, it } from 'vitest';
import { API_KEY_PATTERN, LOGIN_TOKEN_PATTERN, keyPrefix, newApiKey, newLoginToken, safeEqual, sha256Hex } from './secrets';

describe('bearer secrets', () => {
  it('API keys are bp_ + 64 lowercase hex, login tokens bpt_ + 64 hex', () => {
    const key = newApiKey();
    const token = newLoginToken();
    expect(key).toMatch(/^bp_[0-9a-f]{64}$/);
    expect(token).toMatch(/^bpt_[0-9a-f]{64}$/);
    expect(API_KEY_PATTERN.test(key)).toBe(true);
    expect(LOGIN_TOKEN_PATTERN.test(token)).toBe(true);
    // The two kinds cannot be mistaken for each other.
    expect(API_KEY_PATTERN.test(token)).toBe(false);
    expect(LOGIN_TOKEN_PATTERN.test(key)).toBe(false);
  });

  it('every key and token is new', () => {
    const keys = new Set(Array.from({ length: 100 }, newApiKey));
    const tokens = new Set(Array.from({ length: 100 }, newLoginToken));
    expect(keys.size).toBe(100);
    expect(tokens.size).toBe(100);
  });

  it('sha256Hex is SHA-256 in lowercase hex', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keyPrefix shows bp_ and 8 hex characters, never the whole key', () => {
    const key = newApiKey();
    const prefix = keyPrefix(key);
    expect(prefix).toHaveLength(11);
    expect(prefix).toMatch(/^bp_[0-9a-f]{8}$/);
    expect(key.startsWith(prefix)).toBe(true);
  });

  it('safeEqual compares strings of any length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
