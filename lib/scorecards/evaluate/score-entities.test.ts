import { describe, expect, it } from 'vitest';
import { levelMasks } from './score-entities.sql';
import { sameJson } from './compare-json';

describe('levelMasks', () => {
  it('holds, for each level, the bits of every rule of that level and below', () => {
    // Rules 0 and 2 at Bronze (1), rule 1 at Gold (3), none at Silver (2).
    const masks = levelMasks({ levels: ['Basic', 'Bronze', 'Silver', 'Gold'], ruleLevels: [1, 3, 1] });
    expect(masks).toEqual([0n, 0b101n, 0b101n, 0b111n]);
  });

  it('reaches bit 62 without turning negative', () => {
    const ruleLevels = Array.from({ length: 63 }, () => 1);
    expect(levelMasks({ levels: ['a', 'b'], ruleLevels })[1]).toBe((1n << 63n) - 1n);
  });
});

describe('sameJson', () => {
  it('ignores key order, not values', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 1 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
  });
});
