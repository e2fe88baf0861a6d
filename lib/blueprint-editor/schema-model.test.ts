import { describe, expect, it } from 'vitest';
import { modelToSchema, newProperty, schemaToModel, withType, type JsonObject } from './schema-model';

// The builder must never lose what it cannot show, and must keep the designer's order.

const RICH: JsonObject = {
  type: 'object',
  title: 'Service',
  $defs: { person: { type: 'object', properties: { email: { type: 'string', format: 'email' } } } },
  additionalProperties: false,
  properties: {
    zeta: {
      type: 'string',
      title: 'Zeta',
      description: 'last letter, first field',
      minLength: 2,
      maxLength: 40,
      pattern: '^[a-z]+$',
      'x-ui': { width: 'half' },
    },
    tier: { type: 'integer', minimum: 1, maximum: 4, default: 2, examples: [1, 2] },
    lifecycle: { type: 'string', enum: ['experimental', 'production'], default: 'production' },
    ratio: { type: 'number', exclusiveMinimum: 0 },
    public: { type: 'boolean' },
    homepage: { type: 'string', format: 'uri' },
    launched: { type: 'string', format: 'date' },
    deployed_at: { type: 'string', format: 'date-time' },
    version: { type: 'string', format: 'semver' },
    readme: { type: 'string', format: 'markdown' },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5, uniqueItems: true },
    endpoints: {
      type: 'array',
      items: { type: 'object', properties: { url: { type: 'string', format: 'uri' }, port: { type: 'integer' } }, required: ['url'] },
    },
    runtime: {
      type: 'object',
      properties: { memory_mb: { type: 'integer' }, language: { type: 'string', enum: ['go', 'ts'] } },
      required: ['language'],
      additionalProperties: false,
    },
    owner: { $ref: '#/$defs/person' },
    maybe: { type: ['string', 'null'] },
    either: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    bare_object: { type: 'object' },
  },
  required: ['zeta', 'lifecycle', 'owner'],
  if: { properties: { public: { const: true } } },
  then: { required: ['homepage'] },
};

describe('schemaToModel / modelToSchema', () => {
  it('round-trips a rich schema without losing a keyword', () => {
    expect(modelToSchema(schemaToModel(RICH))).toEqual(RICH);
  });

  it('keeps the order of properties at every level', () => {
    const back = modelToSchema(schemaToModel(RICH)) as {
      properties: Record<string, { properties?: object; items?: { properties?: object } }>;
    };
    expect(Object.keys(back.properties)).toEqual(Object.keys(RICH.properties as object));
    expect(Object.keys(back.properties.runtime.properties!)).toEqual(['memory_mb', 'language']);
    expect(Object.keys(back.properties.endpoints.items!.properties!)).toEqual(['url', 'port']);
  });

  it('models what it can and keeps the rest as custom properties', () => {
    const model = schemaToModel(RICH);
    const byName = Object.fromEntries(model.properties.map((p) => [p.name, p]));
    expect(byName.zeta).toMatchObject({
      type: 'string',
      required: true,
      minLength: 2,
      pattern: '^[a-z]+$',
      extra: { 'x-ui': { width: 'half' } },
    });
    expect(byName.tags.items).toMatchObject({ type: 'string' });
    expect(byName.endpoints.items?.properties?.map((p) => [p.name, p.required])).toEqual([
      ['url', true],
      ['port', false],
    ]);
    expect(['owner', 'maybe', 'either'].map((n) => byName[n].type)).toEqual(['custom', 'custom', 'custom']);
    expect(model.extra).toMatchObject({ title: 'Service', additionalProperties: false });
    expect(model.extra.required).toBeUndefined();
  });

  it('writes builder edits: add, require, reorder, change type, nest', () => {
    const model = schemaToModel({ type: 'object', properties: { a: { type: 'string' } } });
    const b = { ...newProperty('b', 'integer'), required: true, minimum: 0 };
    const nested = newProperty('meta', 'object');
    nested.properties = [{ ...newProperty('region'), enum: ['eu', 'us'], default: 'eu' }];
    const list = withType(newProperty('ports'), 'array');
    model.properties = [b, ...model.properties, nested, list];
    expect(modelToSchema(model)).toEqual({
      type: 'object',
      properties: {
        b: { type: 'integer', minimum: 0 },
        a: { type: 'string' },
        meta: { type: 'object', properties: { region: { type: 'string', enum: ['eu', 'us'], default: 'eu' } } },
        ports: { type: 'array', items: { type: 'string' } },
      },
      required: ['b'],
    });
  });

  it('drops what no longer fits when the type changes, and keeps what does', () => {
    const s = { ...newProperty('x'), format: 'email', minLength: 3, enum: ['a', 'b'] };
    expect(withType(s, 'integer')).not.toHaveProperty('format');
    expect(withType(s, 'integer').enum).toBeUndefined();
    expect(withType({ ...newProperty('n', 'number'), enum: [1, 2], minimum: 1 }, 'integer')).toMatchObject({ enum: [1, 2], minimum: 1 });
    expect(withType(s, 'string')).toMatchObject({ format: 'email', minLength: 3, enum: ['a', 'b'] });
  });
});
