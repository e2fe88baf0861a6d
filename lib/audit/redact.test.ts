import { describe, expect, it } from 'vitest';
import { redact } from './write-audit';

describe('redact (what an audit row may hold)', () => {
  it('removes secret fields at any depth, in objects and in arrays', () => {
    const value = {
      email: 'a@example.com',
      password: 'hunter22',
      password_hash: '$2b$...',
      nested: {
        key_hash: 'ab'.repeat(32),
        keyHash: 'cd'.repeat(32),
        token: 'bpt_x',
        keep: 1,
        deeper: { passwordHash: 'x', secret: 's', ok: true },
      },
      list: [{ token_hash: 'y', tokenHash: 'z', key: 'bp_x', name: 'k' }],
    };
    expect(redact(value)).toEqual({
      email: 'a@example.com',
      nested: { keep: 1, deeper: { ok: true } },
      list: [{ name: 'k' }],
    });
  });

  it('does not touch the value it was given', () => {
    const value = { password: 'p', a: 1 };
    redact(value);
    expect(value).toEqual({ password: 'p', a: 1 });
  });

  it('turns dates into RFC 3339 strings and bigints into numbers', () => {
    const at = new Date('2024-05-06T07:08:09.010Z');
    expect(redact({ at, nested: { at }, n: BigInt(42) })).toEqual({
      at: '2024-05-06T07:08:09.010Z',
      nested: { at: '2024-05-06T07:08:09.010Z' },
      n: 42,
    });
  });

  it('gives undefined for undefined and null (the column stays NULL)', () => {
    expect(redact(undefined)).toBeUndefined();
    expect(redact(null)).toBeUndefined();
  });

  it('keeps nulls inside objects and plain scalars', () => {
    expect(redact({ a: null, b: 'x' })).toEqual({ a: null, b: 'x' });
    expect(redact('text')).toBe('text');
    expect(redact(3)).toBe(3);
  });
});
