import { describe, expect, it } from 'vitest';
import { applyMergePatch, type Json } from './merge-patch';

// RFC 7396 appendix A: every example, original + patch = result.
const APPENDIX_A: Array<[Json, Json, Json]> = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('applyMergePatch (RFC 7396)', () => {
  it.each(APPENDIX_A)('%j + %j = %j', (original, patch, result) => {
    expect(applyMergePatch(original, patch)).toEqual(result);
  });

  it('the RFC section 3 example', () => {
    const original: Json = {
      title: 'Goodbye!',
      author: { givenName: 'John', familyName: 'Doe' },
      tags: ['example', 'sample'],
      content: 'This will be unchanged',
    };
    const patch: Json = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
    expect(applyMergePatch(original, patch)).toEqual({
      title: 'Hello!',
      author: { givenName: 'John' },
      tags: ['example'],
      content: 'This will be unchanged',
      phoneNumber: '+01-123-456-7890',
    });
  });

  it('changes neither argument', () => {
    const original: Json = { a: { b: 1 } };
    const patch: Json = { a: { b: null, c: 2 } };
    applyMergePatch(original, patch);
    expect(original).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { b: null, c: 2 } });
  });

  it('treats __proto__ as an ordinary member, as JSON.parse gives it (own, enumerable, prototype untouched)', () => {
    const patch = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as Json;
    const merged = applyMergePatch({ b: 2 }, patch) as Record<string, Json>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged).sort()).toEqual(['__proto__', 'a', 'b']);
    expect(JSON.stringify(merged)).toBe('{"b":2,"__proto__":{"x":1},"a":1}');
    expect((merged as { x?: unknown }).x).toBeUndefined();
  });

  it('merges into and removes an existing __proto__ member', () => {
    const target = JSON.parse('{"__proto__": {"x": 1, "y": 2}}') as Json;
    const deeper = applyMergePatch(target, JSON.parse('{"__proto__": {"y": null, "z": 3}}') as Json);
    expect(JSON.stringify(deeper)).toBe('{"__proto__":{"x":1,"z":3}}');
    expect(Object.keys(applyMergePatch(target, JSON.parse('{"__proto__": null}') as Json) as object)).toEqual([]);
  });
});
