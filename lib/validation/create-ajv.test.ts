import { describe, expect, it } from 'vitest';
import { createAjv } from './create-ajv';
import { re2Fault } from './re2-engine';
import { firstDuplicate, uniqueItemsKeyword } from './unique-items';

// Patterns run in RE2 and uniqueItems in linear time. The catastrophic cases are asserted by their
// verdict (a timing assertion would be a benchmark); without the fix the first test does not end.

const compile = (schema: object) => createAjv().compile(schema);

describe('user patterns run in RE2', () => {
  it('answers ^(a+)+$ against "a" x 30 + "!" (exponential in a backtracking engine)', () => {
    const validate = compile({ type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } });
    expect(validate({ name: `${'a'.repeat(30)}!` })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'pattern', instancePath: '/name' });
    expect(validate({ name: 'aaaa' })).toBe(true);
  });

  it('runs patternProperties and propertyNames in RE2 as well', () => {
    const validate = compile({
      type: 'object',
      patternProperties: { '^(x+)+$': { type: 'integer' } },
      propertyNames: { pattern: '^(x+)+y?$' },
    });
    expect(validate({ [`${'x'.repeat(40)}`]: 'no' })).toBe(false);
    expect(validate({ [`${'x'.repeat(40)}!`]: 1 })).toBe(false);
    expect(validate({ xx: 2 })).toBe(true);
  });

  it('accepts ECMA-262 syntax RE2 lacks by translating it (\\u escapes, named groups)', () => {
    const validate = compile({ type: 'string', pattern: '^(?<w>[\\u0041-\\u005A]+)-\\d+$' });
    expect(validate('ABC-12')).toBe(true);
    expect(validate('abc-12')).toBe(false);
  });

  it('says why RE2 cannot run backreferences and lookaround', () => {
    expect(re2Fault('(a)\\1')).toMatch(/linear time/);
    expect(re2Fault('^(?=a)')).toMatch(/linear time/);
    expect(re2Fault('^(?<!a)b')).toMatch(/linear time/);
    expect(re2Fault('^[a-z]+$')).toBeNull();
  });

  it('leaves our own format regexes native (semver keeps its lookahead-free grammar)', () => {
    const validate = compile({ type: 'string', format: 'semver' });
    expect(validate('1.2.3-rc.1')).toBe(true);
    expect(validate('1.x')).toBe(false);
  });
});

describe('uniqueItems in linear time', () => {
  it("replaces ajv's own keyword, which compares every pair of objects (6.3 s for 20,000)", () => {
    expect(createAjv().getKeyword('uniqueItems')).toMatchObject({ validate: uniqueItemsKeyword.validate });
  });

  it('finds the repeat among 20,000 objects, member order and 1 vs 1.0 aside', () => {
    const items: unknown[] = Array.from({ length: 20_000 }, (_, i) => ({ i, tags: ['a', { b: i }] }));
    items.push({ tags: ['a', { b: 7.0 }], i: 7 });
    expect(firstDuplicate(items)).toEqual([7, 20_000]);
  });

  it('tells apart what JSON Schema tells apart', () => {
    expect(firstDuplicate([1, '1', true, null, [1], { a: 1 }, { a: '1' }, [], {}])).toBeNull();
    expect(
      firstDuplicate([
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
    ).toEqual([0, 1]);
  });

  it('reports the duplicate through ajv like the built-in keyword', () => {
    const validate = compile({ type: 'object', properties: { list: { type: 'array', uniqueItems: true } } });
    expect(validate({ list: [{ x: 1 }, { x: 2 }, { x: 1 }] })).toBe(false);
    expect(validate.errors).toEqual([expect.objectContaining({ keyword: 'uniqueItems', instancePath: '/list', params: { i: 2, j: 0 } })]);
    expect(validate({ list: [{ x: 1 }, { x: 2 }] })).toBe(true);
    expect(compile({ type: 'array', uniqueItems: false })([1, 1])).toBe(true);
  });
});
