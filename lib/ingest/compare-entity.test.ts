import { describe, expect, it } from 'vitest';
import { diffEntity, sameJson } from './compare-entity';

// What counts as a change: JSONB keeps no key order, so the same data in another order is no
// change; a property that appears, goes or changes is, and so is a relation's set of targets.

const record = (over: object = {}) => ({
  index: 0,
  blueprint: 'repo',
  identifier: 'a',
  title: 'A',
  properties: { x: 1, y: { b: 2, a: 1 } },
  ...over,
});

describe('diffEntity', () => {
  it('sees no change in key order, or between a relation as a string and as a one-item list', () => {
    expect(sameJson({ b: 1, a: [1, { d: 1, c: 2 }] }, { a: [1, { c: 2, d: 1 }], b: 1 })).toBe(true);
    // ...but array order, a missing key, null against absent, and "1" against 1 are changes.
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 1 })).toBe(false);
    expect(sameJson({ a: null }, { b: null })).toBe(false);
    expect(sameJson(null, undefined)).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    const stored = { title: 'A', data: { y: { a: 1, b: 2 }, x: 1 }, relations: { owner: ['t1'] } };
    expect(diffEntity(stored, record({ relations: { owner: 't1' } }))).toBeNull();
    expect(diffEntity(stored, record())).toBeNull(); // no relations sent: links left alone
  });

  it('names each changed field, an absent title as null, a property that goes, and a relation change', () => {
    const stored = { title: 'A', data: { x: 1, y: { a: 1, b: 2 }, gone: null }, relations: { owner: 't1' } };
    expect(diffEntity(stored, record({ title: undefined, properties: { x: 2, y: { a: 1, b: 2 } }, relations: { owner: null } }))).toEqual({
      title: { from: 'A', to: null },
      'properties/x': { from: 1, to: 2 },
      'properties/gone': { from: null, to: null },
      'relations/owner': { from: ['t1'], to: [] },
    });
  });

  it('keeps a property called __proto__ as data', () => {
    const properties = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const diff = diffEntity({ title: 'A', data: {} }, record({ properties }));
    expect(Object.keys(diff ?? {})).toEqual(['properties/__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
