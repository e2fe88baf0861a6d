import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseSearchBody } from './parse-search-body';
import { SCHEMA } from './random-search.test-support';
import { typeQuery } from './type-query';
import { typeSort } from './type-sort';

// Parsing and typing of search bodies: every fault is a 400 whose message and details name the
// place in the body, and nothing hostile gets past as anything but a checked value.

function faultOf(body: unknown): { message: string; path: string } {
  try {
    const request = parseSearchBody(body);
    typeQuery(request.query, SCHEMA, new Date('2026-03-15T00:00:00Z'));
    typeSort(request.sort, SCHEMA);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('bad_request');
    return { message: e.message, path: (e.details as { path: string }).path };
  }
  throw new Error(`accepted: ${JSON.stringify(body).slice(0, 200)}`);
}

const rules = (...r: unknown[]) => ({ query: { combinator: 'and', rules: r } });

describe('search body faults name their place', () => {
  it.each([
    [{ query: { combinator: 'xor', rules: [] } }, 'query.combinator', 'must be "and" or "or"'],
    [{ query: { rules: 'x' } }, 'query.rules', 'must be an array'],
    [rules({ property: 'n', operator: 'like', value: 1 }), 'query.rules[0].operator', 'unknown operator "like"'],
    [rules({ property: 'nope', operator: '=', value: 1 }), 'query.rules[0].property', 'unknown property "nope"'],
    [rules({ property: 'meta.nope.deeper', operator: '=', value: 1 }), 'query.rules[0].property', 'unknown property "meta.nope"'],
    [rules({ property: '$nope', operator: '=', value: 1 }), 'query.rules[0].property', 'unknown meta-property'],
    [rules({ property: 'n', operator: '=', value: '5' }), 'query.rules[0].value', 'must be a number, got string'],
    [rules({ property: 'flag', operator: '>', value: true }), 'query.rules[0].operator', '">" does not apply to flag (boolean)'],
    [rules({ property: 'tags', operator: '=', value: 'x' }), 'query.rules[0].operator', 'does not apply to tags (array of strings)'],
    [rules({ property: 'status', operator: 'contains', value: 'act' }), 'query.rules[0].operator', 'does not apply to status (enum)'],
    [rules({ property: 'status', operator: '=', value: 'gone' }), 'query.rules[0].value', "is not one of the property's values"],
    [rules({ property: 'version', operator: '>=', value: '2.0' }), 'query.rules[0].value', 'must be a semantic version'],
    [rules({ property: 'version', operator: '<', value: `${'9'.repeat(1000)}.0.0` }), 'query.rules[0].value', 'longer than 999 digits'],
    [rules({ property: 'at', operator: '>', value: '2026-02-30T00:00:00Z' }), 'query.rules[0].value', 'must be an RFC 3339 date-time'],
    [rules({ property: 'day', operator: '<', value: '2026/01/01' }), 'query.rules[0].value', 'must be a date "YYYY-MM-DD"'],
    [rules({ property: 'n', operator: 'between', value: [1] }), 'query.rules[0].value', 'must be [low, high]'],
    [
      rules({ property: 'n', operator: 'between', value: { preset: 'today' } }),
      'query.rules[0].value',
      'presets are for date-time and date',
    ],
    [rules({ property: 'at', operator: 'between', value: { preset: 'someday' } }), 'query.rules[0].value.preset', 'unknown preset'],
    [rules({ property: 'n', operator: 'in', value: [] }), 'query.rules[0].value', 'must be a non-empty array'],
    [rules({ property: 'n', operator: 'in', value: [1, 'x'] }), 'query.rules[0].value[1]', 'must be a number'],
    [rules({ property: 'n', operator: 'exists', value: 1 }), 'query.rules[0].value', 'exists takes no value'],
    [rules({ property: 'tags', operator: 'containsAny', value: [1] }), 'query.rules[0].value[0]', 'must be a string'],
    [rules({ property: 'n', operator: 'relatedTo', value: 'x' }), 'query.rules[0]', 'unknown field "property" of a relatedTo rule'],
    [
      rules({ operator: 'relatedTo', blueprint: 'svc', value: 'x', direction: 'sideways' }),
      'query.rules[0].direction',
      'must be "upstream"',
    ],
    [
      rules({ operator: 'relatedTo', blueprint: 'svc', value: 'x', direction: 'upstream', max_hops: 16 }),
      'query.rules[0].max_hops',
      'from 1 to 15',
    ],
    [rules({ operator: 'relatedTo', blueprint: 'svc', value: [], direction: 'upstream' }), 'query.rules[0].value', 'non-empty array'],
    [
      rules({ operator: 'relatedTo', blueprint: 'svc', value: 'x', direction: 'upstream' }),
      'query.rules[0].blueprint',
      'no blueprint "svc"',
    ],
    [rules({ property: 'n', operator: '=', value: 1, extra: true }), 'query.rules[0]', 'unknown field "extra"'],
    [
      rules({
        combinator: 'or',
        rules: [
          { property: 'n', operator: '=', value: 1 },
          { combinator: 'and', rules: [{ property: 's', operator: '=', value: 2 }] },
        ],
      }),
      'query.rules[0].rules[1].rules[0].value',
      'must be a string',
    ],
    [{ sort: [{ property: 'tags' }] }, 'sort[0].property', 'cannot sort by tags'],
    [{ sort: [{ property: 'n', order: 'up' }] }, 'sort[0].order', 'must be "asc" or "desc"'],
    [{ sort: [{ property: 'n' }, { property: 'n' }] }, 'sort[1].property', 'sorts by n twice'],
    [{ limit: 0 }, 'limit', 'must be an integer from 1 to 1000'],
    [{ limit: 1001 }, 'limit', 'must be an integer from 1 to 1000'],
    [{ limit: '10' }, 'limit', 'must be an integer'],
    [{ cursor: 5 }, 'cursor', 'must be a string or null'],
    [{ q: 'a\nb' }, 'q', 'must not contain control characters'],
    [{ unknown: 1 }, 'body', 'unknown field "unknown"'],
  ])('%j -> %s', (body, path, message) => {
    const fault = faultOf(body);
    expect(fault.path).toBe(path);
    expect(fault.message).toContain(message);
    expect(fault.message.startsWith(`${path}: `)).toBe(true);
  });
});

describe('hostile input', () => {
  it('refuses nesting deeper than 8 groups', () => {
    let group: object = { rules: [{ property: 'n', operator: 'exists' }] };
    for (let i = 0; i < 8; i++) group = { combinator: 'and', rules: [group] };
    expect(faultOf({ query: group }).message).toContain('nest at most 8 deep');
    let ok: object = { rules: [{ property: 'n', operator: 'exists' }] };
    for (let i = 0; i < 7; i++) ok = { rules: [ok] };
    expect(() => typeQuery(parseSearchBody({ query: ok }).query, SCHEMA)).not.toThrow();
  });

  it('refuses a very deep body without a stack overflow (the depth check stops the walk)', () => {
    let group: object = { rules: [] };
    for (let i = 0; i < 5000; i++) group = { rules: [group] };
    expect(faultOf({ query: group }).message).toContain('nest at most');
  });

  it('refuses more than 200 rules in all, and more than 1000 values in a list', () => {
    const many = Array.from({ length: 201 }, () => ({ property: 'n', operator: 'exists' }));
    expect(faultOf(rules(...many)).message).toContain('at most 200 rules');
    const spread = Array.from({ length: 3 }, () => ({ rules: Array.from({ length: 70 }, () => ({ property: 'n', operator: 'exists' })) }));
    expect(faultOf(rules(...spread)).message).toContain('at most 200 rules');
    const values = Array.from({ length: 1001 }, (_, i) => i);
    expect(faultOf(rules({ property: 'n', operator: 'in', value: values }))).toEqual({
      path: 'query.rules[0].value',
      message: expect.stringContaining('at most 1000 values'),
    });
  });

  it('refuses more than 2000 list values across all rules (rules x values), naming the limit', () => {
    const list = (n: number, tag: string) => ({
      property: 'n',
      operator: 'in',
      value: Array.from({ length: n }, (_, i) => i + tag.length),
    });
    // 200 rules of 500 values each (issue 11): refused at the fifth rule, before any typing or SQL.
    let error: unknown;
    try {
      parseSearchBody({ query: { combinator: 'or', rules: Array.from({ length: 200 }, (_, i) => list(500, String(i))) } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).details).toEqual({
      path: 'query.rules[4].value',
      reason: 'query_too_large',
      limit: 'maxTotalValues',
      max: 2000,
    });
    expect((error as AppError).message).toContain('limit maxTotalValues = 2000');
    // Nested groups and relatedTo identifiers count too; exactly 2000 is legal, and so is one rule of 1000.
    expect(
      faultOf(
        rules(
          { rules: [list(1000, 'a'), list(999, 'b')] },
          { operator: 'relatedTo', blueprint: 'service', value: ['x', 'y'], direction: 'upstream' },
        ),
      ).path,
    ).toBe('query.rules[1].value');
    expect(() => parseSearchBody(rules(list(1000, 'a'), list(999, 'b'), { property: 'n', operator: '=', value: 1 }))).not.toThrow();
    expect(() => parseSearchBody(rules(list(1000, 'a')))).not.toThrow();
  });

  it('refuses NUL characters, lone surrogates and very long strings in values and properties', () => {
    expect(faultOf(rules({ property: 's', operator: '=', value: 'a\u0000b' })).message).toContain('NUL');
    expect(faultOf(rules({ property: 's', operator: '=', value: 'a\ud800b' })).message).toContain('lone surrogate');
    expect(faultOf(rules({ property: 's', operator: 'contains', value: 'x'.repeat(1001) })).message).toContain('longer than 1000');
    expect(faultOf(rules({ property: 'x'.repeat(201), operator: 'exists' })).path).toBe('query.rules[0].property');
    expect(faultOf(rules({ property: 's\u0000', operator: 'exists' })).message).toContain('NUL');
  });

  it('treats SQL- and JSON-looking property names as unknown properties, named in the message', () => {
    for (const property of ["'); drop table entities; --", 's"}', '{}', 'meta.__proto__', 'constructor', 's..x', '.s']) {
      const fault = faultOf(rules({ property, operator: 'exists' }));
      expect(fault.path).toBe('query.rules[0].property');
      expect(fault.message).toContain('unknown property');
    }
  });

  it('accepts a declared property whose name looks like SQL (it only ever reaches SQL as a parameter)', () => {
    const request = parseSearchBody(
      rules({ property: 'we\'ird "key"); drop table entities; --', operator: '=', value: "'); drop table entities; --" }),
    );
    const typed = typeQuery(request.query, SCHEMA);
    expect(typed).toMatchObject({ kind: 'group', nodes: [{ kind: 'rule', rule: { op: 'eq', value: "'); drop table entities; --" } }] });
  });
});

describe('typing', () => {
  it('resolves presets to inclusive UTC ranges anchored at now', () => {
    const request = parseSearchBody(
      rules(
        { property: '$updated_at', operator: 'between', value: { preset: 'lastWeek' } },
        { property: 'day', operator: 'notBetween', value: { preset: 'yesterday' } },
      ),
    );
    // 2026-03-15 is a Sunday: last week is Monday 2026-03-02 .. Sunday 2026-03-08.
    const typed = typeQuery(request.query, SCHEMA, new Date('2026-03-15T10:00:00Z'));
    expect(typed).toMatchObject({
      nodes: [
        { negate: false, rule: { op: 'between', scalar: 'datetime', low: '2026-03-02T00:00:00.000Z', high: '2026-03-08T23:59:59.999Z' } },
        { negate: true, rule: { op: 'between', scalar: 'date', low: '2026-03-14', high: '2026-03-14' } },
      ],
    });
  });

  it('types nested properties, enums, formats and arrays from the schema', () => {
    const request = parseSearchBody(
      rules(
        { property: 'meta.deep.x', operator: 'beginsWith', value: 'a' },
        { property: 'version', operator: '>=', value: '2.0.0' },
        { property: 'scores', operator: 'containsAll', value: [1, 2.5] },
        { property: 'anything', operator: 'isNotEmpty' },
      ),
    );
    expect(typeQuery(request.query, SCHEMA)).toMatchObject({
      nodes: [
        { rule: { op: 'like', mode: 'beginsWith', prop: { target: { source: 'data', path: ['meta', 'deep', 'x'] } } } },
        { rule: { op: 'gte', scalar: 'semver', value: '2.0.0' } },
        { rule: { op: 'arrayHas', all: true, values: [1, 2.5] } },
        { rule: { op: 'isEmpty' }, negate: true },
      ],
    });
  });

  it('sorts newest first by default', () => {
    expect(typeSort([], SCHEMA)).toMatchObject([{ prop: { name: '$created_at' }, order: 'desc' }]);
  });
});
