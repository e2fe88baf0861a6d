import { describe, expect, it } from 'vitest';
import { tooDeepAt } from '@/lib/validation/schema-limits';
import { findValueFault } from './check-json-value';

// The pointers of the two walks every request body takes, built only on the way back from a fault.

describe('findValueFault', () => {
  it('names a nested fault by its JSON pointer, keys escaped', () => {
    const value = { a: [{ ok: 1 }, { 'b/c~d': { e: 'x\u0000' } }] };
    expect(findValueFault(value)).toEqual({ path: '/a/1/b~1c~0d/e', message: expect.stringMatching(/NUL/) });
    expect(findValueFault(value, '/body')?.path).toBe('/body/a/1/b~1c~0d/e');
  });

  it('names a bad member name and a number beyond double range', () => {
    expect(findValueFault({ a: { ['k\ud800']: 1 } })).toEqual({ path: '/a/k\ud800', message: expect.stringMatching(/member name/) });
    expect(findValueFault({ n: [1, Infinity] })).toEqual({ path: '/n/1', message: expect.stringMatching(/double/) });
  });

  it('skips the items of the array at `skip`, and only there', () => {
    const value = { entities: [{ t: 'x\u0000' }], other: [{ t: 'y\u0000' }] };
    expect(findValueFault(value, '', '/entities')?.path).toBe('/other/0/t');
    expect(findValueFault({ entities: [{ t: 'x\u0000' }] }, '', '/entities')).toBeNull();
    expect(findValueFault({ nested: { entities: ['\u0000'] } }, '', '/entities')?.path).toBe('/nested/entities/0');
  });

  it('answers null for a clean value', () => {
    expect(findValueFault({ a: [1, 'b', { c: null, d: true }] })).toBeNull();
  });
});

describe('tooDeepAt', () => {
  it('answers the pointer of the first level past the limit, or null', () => {
    expect(tooDeepAt({ a: { b: [{ c: 1 }] } }, 4)).toBeNull();
    expect(tooDeepAt({ a: { 'x/y': [{ c: 1 }] } }, 3, '/schema')).toBe('/schema/a/x~1y/0');
    expect(tooDeepAt([[[]]], 2)).toBe('/0/0');
  });

  it('walks a very deep value without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(tooDeepAt(deep, 64)).toBe('/' + Array(64).fill('0').join('/'));
  });
});
