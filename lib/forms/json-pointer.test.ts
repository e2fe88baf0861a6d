import { describe, expect, it } from 'vitest';
import { childPointer, getAt, pointerCovers, pointerSegments, setAt } from './json-pointer';

describe('json pointers', () => {
  it('escapes and splits segments', () => {
    expect(childPointer('/a', 'b/c~d')).toBe('/a/b~1c~0d');
    expect(pointerSegments('/a/b~1c~0d')).toEqual(['a', 'b/c~d']);
    expect(pointerSegments('')).toEqual([]);
  });

  it('reads nested values and missing steps', () => {
    const data = { a: { b: [{ c: 1 }] } };
    expect(getAt(data, '/a/b/0/c')).toBe(1);
    expect(getAt(data, '/a/x/y')).toBeUndefined();
    expect(getAt(data, '')).toBe(data);
  });

  it('writes immutably, creating parents and removing undefined', () => {
    const data = { a: { b: 1, c: 2 }, list: ['x', 'y'] };
    const next = setAt(data, '/a/b', undefined) as typeof data;
    expect(next).toEqual({ a: { c: 2 }, list: ['x', 'y'] });
    expect(data.a.b).toBe(1);
    expect(next.list).toBe(data.list);
    expect(setAt({}, '/m/region', 'eu')).toEqual({ m: { region: 'eu' } });
    expect(setAt(data, '/list/0', undefined)).toEqual({ a: { b: 1, c: 2 }, list: ['y'] });
    expect(setAt(data, '/list/1', 'z')).toEqual({ a: { b: 1, c: 2 }, list: ['x', 'z'] });
  });
});

describe('pointerCovers', () => {
  it('matches own, descendant and enclosing errors but not the root or siblings', () => {
    expect(pointerCovers('/data/tags', '/data/tags')).toBe(true);
    expect(pointerCovers('/data/tags/2', '/data/tags')).toBe(true);
    expect(pointerCovers('/data/metadata', '/data/metadata/region')).toBe(true);
    expect(pointerCovers('/data', '/data/metadata/region')).toBe(false);
    expect(pointerCovers('/data/tag', '/data/tags')).toBe(false);
    expect(pointerCovers('/data/tags', '/data/tag')).toBe(false);
  });
});
