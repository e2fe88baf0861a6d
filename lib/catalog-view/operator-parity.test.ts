import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { typeQuery } from '@/lib/search/type-query';
import { fieldsOf, type Field } from './fields';
import { OPERATORS, fits, operatorsFor, valueControl, type Operator, type ValueControl } from './operators';
import { cleanTree, toApiNode } from './rule-tree';

// The filter builder offers exactly what the search route accepts, for every kind of property
// schema: each operator offered, with the value its control makes, survives the builder's own
// clean-up and is accepted by the server's parser and typer (lib/search, called here in-process);
// each operator not offered is refused by the server (400 at `.operator`). The one exception is
// written down: presence tests on meta-properties every entity has (constant, so not offered).

const SCHEMAS: Record<string, object> = {
  string: { type: 'string' },
  'string with maxLength': { type: 'string', maxLength: 20 },
  email: { type: 'string', format: 'email' },
  number: { type: 'number' },
  integer: { type: 'integer', minimum: 0 },
  boolean: { type: 'boolean' },
  'date-time': { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  semver: { type: 'string', format: 'semver' },
  'string enum': { type: 'string', enum: ['a', 'b'] },
  'untyped string enum': { enum: ['a', 'b'] },
  'untyped mixed enum': { enum: ['a', 1] },
  'integer enum': { type: 'integer', enum: [1, 2, 3] },
  'nullable string enum': { type: ['string', 'null'], enum: ['a', 'b', null] },
  'array of strings': { type: 'array', items: { type: 'string' } },
  'array of numbers': { type: 'array', items: { type: 'number' } },
  'array of integers': { type: 'array', items: { type: 'integer' } },
  'array of booleans': { type: 'array', items: { type: 'boolean' } },
  'array of date-times': { type: 'array', items: { type: 'string', format: 'date-time' } },
  'array of enums': { type: 'array', items: { enum: ['a', 'b'] } },
  'array of objects': { type: 'array', items: { type: 'object' } },
  'array without items': { type: 'array' },
  'string or number': { type: ['string', 'number'] },
  'string or null': { type: ['string', 'null'] },
  'null or integer': { type: ['null', 'integer'] },
  'date-time or null': { type: ['string', 'null'], format: 'date-time' },
  'array or null': { type: ['array', 'null'], items: { type: 'string' } },
  'OpenAPI nullable': { type: 'string', nullable: true },
  object: { type: 'object' },
  'object with properties': { type: 'object', properties: { inner: { type: 'number' } } },
  untyped: {},
  anyOf: { anyOf: [{ type: 'string' }, { type: 'number' }] },
  'type null': { type: 'null' },
};

/** The value the builder's control produces for a rule (what a person would pick or type). */
function sampleValue(field: Field, control: ValueControl): unknown {
  const numeric = field.kind === 'number' || field.kind === 'numberArray';
  switch (control) {
    case 'none':
      return undefined;
    case 'number':
      return 3;
    case 'text':
      return 'ab';
    case 'semver':
      return '1.2.3';
    case 'boolean':
      return true;
    case 'enum':
      return field.options?.[0];
    case 'enumList':
      return field.options?.slice(0, 1);
    case 'date':
      return field.format === 'date' ? '2026-01-31' : '2026-01-31T00:00:00Z';
    case 'dateRange':
      return field.format === 'date' ? ['2026-01-01', '2026-01-31'] : ['2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z'];
    case 'numberRange':
      return [1, 5];
    case 'semverRange':
      return ['1.0.0', '2.0.0'];
    case 'tags':
      return numeric ? [1, 2] : field.kind === 'semver' ? ['1.0.0', '2.0.0'] : ['a', 'b'];
    case 'textRange':
      return ['a', 'm'];
    case 'related':
      throw new Error('not a property rule');
  }
}

/** The server's verdict on one rule: null when accepted, else the 400's message. */
function serverVerdict(schema: object, rule: object): { accepted: true } | { accepted: false; at: string; message: string } {
  try {
    typeQuery(parseSearchBody({ query: { rules: [rule] } }).query, schema, new Date('2026-02-01T00:00:00Z'));
    return { accepted: true };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'bad_request') throw e;
    return { accepted: false, at: String((e.details as { path?: string })?.path ?? ''), message: e.message };
  }
}

const PROPERTY_OPERATORS = OPERATORS.filter((op): op is Exclude<Operator, 'relatedTo'> => op !== 'relatedTo');

function checkField(schema: object, field: Field) {
  const offered = operatorsFor(field);
  for (const op of PROPERTY_OPERATORS) {
    const what = `${field.key} (${field.kind}) ${op}`;
    if (offered.includes(op)) {
      expect(fits(field, op), what).toBe(true);
      const value = sampleValue(field, valueControl(field, op));
      const rule = value === undefined ? { property: field.key, operator: op } : { property: field.key, operator: op, value };
      // The builder keeps the rule (its value fits), and sends it as the server takes it.
      const kept = cleanTree({ combinator: 'and', rules: [rule] }, [field]);
      expect(kept.rules, `${what}: the builder drops its own value ${JSON.stringify(value)}`).toHaveLength(1);
      expect(serverVerdict(schema, toApiNode(kept.rules[0]) as object), what).toEqual({ accepted: true });
    } else {
      const presence = ['exists', 'isEmpty', 'isNotEmpty'].includes(op);
      const verdict = serverVerdict(
        schema,
        presence ? { property: field.key, operator: op } : { property: field.key, operator: op, value: 'x' },
      );
      const constantPresence = field.meta && !field.nullable && presence;
      if (constantPresence) expect(verdict, `${what}: accepted though constant`).toEqual({ accepted: true });
      else
        expect(verdict, `${what} is refused by the server, so the builder must not offer it`).toMatchObject({
          accepted: false,
          at: expect.stringMatching(/\.operator$/),
        });
    }
  }
}

describe('the filter builder offers exactly the operators the search route accepts', () => {
  for (const [name, property] of Object.entries(SCHEMAS)) {
    it(`for a property that is ${name}`, () => {
      const schema = { type: 'object', properties: { p: property } };
      const fields = fieldsOf(schema).filter((f) => f.key === 'p' || f.key.startsWith('p.'));
      expect(fields.length, 'the property is a field of the builder').toBeGreaterThan(0);
      for (const field of fields) checkField(schema, field);
    });
  }

  it('for every meta-property', () => {
    const schema = { type: 'object', properties: {} };
    const meta = fieldsOf(schema).filter((f) => f.meta);
    expect(meta.map((f) => f.key)).toEqual(['$identifier', '$title', '$created_at', '$updated_at', '$created_by', '$updated_by']);
    for (const field of meta) checkField(schema, field);
  });
});
