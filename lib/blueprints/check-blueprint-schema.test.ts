import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  MAX_PATTERN_LENGTH,
  MAX_PATTERN_PROPERTIES,
  MAX_SCHEMA_BYTES,
  MAX_SCHEMA_DEPTH,
  MAX_SCHEMA_PATTERNS,
  MAX_SCHEMA_PROPERTIES,
} from '@/lib/validation/schema-limits';
import { checkBlueprintSchema } from './check-blueprint-schema';

// A blueprint's schema: patterns RE2 cannot run and schemas past the limits of schema-limits.ts
// are 422s naming the limit and the path.

function detailsOf(schema: object): Array<{ path: string; message: string }> {
  try {
    checkBlueprintSchema(schema as never);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('validation_failed');
    return (e as AppError).details as Array<{ path: string; message: string }>;
  }
  throw new Error('the schema was accepted');
}

const props = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'string' }]));

describe('checkBlueprintSchema', () => {
  it('refuses a backreference, naming /schema/.../pattern', () => {
    const details = detailsOf({ type: 'object', properties: { name: { type: 'string', pattern: '^(a)\\1$' } } });
    expect(details).toEqual([{ path: '/schema/properties/name/pattern', message: expect.stringMatching(/linear time/) }]);
  });

  it('refuses lookaround in patternProperties and propertyNames', () => {
    const details = detailsOf({ type: 'object', patternProperties: { '^(?!x)': {} }, propertyNames: { pattern: '(?<=a)b' } });
    expect(details.map((d) => d.path).sort()).toEqual(['/schema/patternProperties/^(?!x)', '/schema/propertyNames/pattern']);
  });

  it('accepts the catastrophic-for-backtracking ^(a+)+$ (RE2 runs it in linear time)', () => {
    const validate = checkBlueprintSchema({ type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } });
    expect(validate({ name: `${'a'.repeat(30)}!` })).toBe(false);
  });

  it('refuses more properties than MAX_SCHEMA_PROPERTIES, counted over every level', () => {
    const half = Math.ceil(MAX_SCHEMA_PROPERTIES / 2) + 1;
    const details = detailsOf({ type: 'object', properties: { ...props(half), nested: { type: 'object', properties: props(half) } } });
    expect(details).toEqual([{ path: '/schema', message: expect.stringContaining('MAX_SCHEMA_PROPERTIES') }]);
    expect(() => checkBlueprintSchema({ type: 'object', properties: props(MAX_SCHEMA_PROPERTIES) })).not.toThrow();
  });

  it('refuses nesting deeper than MAX_SCHEMA_DEPTH, naming where', () => {
    let schema: object = { type: 'string' };
    for (let i = 0; i < MAX_SCHEMA_DEPTH; i++) schema = { type: 'object', properties: { a: schema } };
    const [detail] = detailsOf(schema);
    expect(detail.message).toContain('MAX_SCHEMA_DEPTH');
    expect(detail.path).toMatch(/^\/schema(\/properties\/a)+/);
  });

  it('refuses a schema larger than MAX_SCHEMA_BYTES', () => {
    const details = detailsOf({ type: 'object', description: 'x'.repeat(MAX_SCHEMA_BYTES) });
    expect(details).toEqual([{ path: '/schema', message: expect.stringContaining('MAX_SCHEMA_BYTES') }]);
  });

  it('refuses too many patterns, too many patternProperties, and a pattern too long', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_SCHEMA_PATTERNS + 1 }, (_, i) => [`p${i}`, { type: 'string', pattern: `^${i}$` }]),
    );
    expect(detailsOf({ type: 'object', properties: many })[0].message).toContain('MAX_SCHEMA_PATTERNS');
    const pp = Object.fromEntries(Array.from({ length: MAX_PATTERN_PROPERTIES + 1 }, (_, i) => [`^x${i}$`, {}]));
    expect(detailsOf({ type: 'object', patternProperties: pp })[0].message).toContain('MAX_PATTERN_PROPERTIES');
    const long = detailsOf({ type: 'object', properties: { a: { type: 'string', pattern: 'a'.repeat(MAX_PATTERN_LENGTH + 1) } } });
    expect(long).toEqual([{ path: '/schema/properties/a/pattern', message: expect.stringContaining('MAX_PATTERN_LENGTH') }]);
  });
});
