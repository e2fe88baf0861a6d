import { describe, expect, it } from 'vitest';
import { DEMO_BLUEPRINTS } from '@/lib/demo/demo-blueprints';
import { humanise } from '@/lib/domain/labels';
import { controlFor, defaultsFor, schemaToFields, type FieldNode } from './schema-to-fields';

const byName = (fields: FieldNode[], name: string) => {
  const f = fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('controlFor', () => {
  it.each([
    [{ type: 'string' }, 'text'],
    [{ type: 'string', format: 'email' }, 'email'],
    [{ type: 'string', format: 'uri' }, 'url'],
    [{ type: 'string', format: 'url' }, 'url'],
    [{ type: 'string', format: 'date' }, 'date'],
    [{ type: 'string', format: 'date-time' }, 'datetime'],
    [{ type: 'string', format: 'markdown' }, 'textarea'],
    [{ type: 'string', format: 'semver' }, 'semver'],
    [{ type: 'string', format: 'hostname' }, 'text'],
    [{ type: 'string', enum: ['a', 'b'] }, 'select'],
    [{ enum: [1, 2] }, 'select'],
    [{ type: 'integer' }, 'number'],
    [{ type: 'number' }, 'number'],
    [{ type: ['number', 'null'] }, 'number'],
    [{ type: 'boolean' }, 'toggle'],
    [{ type: 'array', items: { type: 'string' } }, 'tags'],
    [{ type: 'array', items: { type: 'string', enum: ['x', 'y'] } }, 'multiselect'],
    [{ type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } }, 'rows'],
    [{ type: 'object', properties: { a: { type: 'string' } } }, 'object'],
    [{ type: 'string', format: 'entity', blueprint: 'service' }, 'entity'],
    [{ type: 'string', format: 'entity' }, 'text'],
    [{ type: 'array', items: { type: 'string', format: 'entity', blueprint: 'service' } }, 'entities'],
  ] as const)('%j -> %s', (schema, control) => {
    expect(controlFor({ ...schema })).toBe(control);
  });

  it.each([
    [{ oneOf: [{ type: 'string' }, { type: 'number' }] }],
    [{ $ref: '#/$defs/x' }],
    [{ anyOf: [{ type: 'string' }] }],
    [{ type: ['string', 'number'] }],
    [{}],
    [{ type: 'object' }],
    [{ type: 'object', additionalProperties: { type: 'string' } }],
    [{ type: 'array', items: { type: 'number' } }],
    [{ type: 'array' }],
    [{ type: 'array', items: { oneOf: [{ type: 'string' }] } }],
    [{ type: 'string', enum: [] }],
  ])('unsupported %j -> json', (schema) => {
    expect(controlFor(schema)).toBe('json');
  });
});

describe('schemaToFields', () => {
  const service = DEMO_BLUEPRINTS[0].schema;
  const fields = schemaToFields(service);

  it('keeps properties order, labels from title, required from the schema', () => {
    expect(fields.map((f) => f.name)).toEqual(Object.keys(service.properties));
    const email = byName(fields, 'owner_email');
    expect(email).toMatchObject({ path: '/owner_email', label: 'Owner email', control: 'email', required: true });
    expect(byName(fields, 'repository')).toMatchObject({ control: 'url', required: false });
  });

  it('maps the demo service schema to the expected controls', () => {
    expect(Object.fromEntries(fields.map((f) => [f.name, f.control]))).toEqual({
      description: 'textarea',
      language: 'select',
      lifecycle: 'select',
      tier: 'number',
      version: 'semver',
      repository: 'url',
      owner_email: 'email',
      uptime_slo: 'number',
      public: 'toggle',
      tags: 'tags',
      dependencies: 'tags',
      last_deployed_at: 'datetime',
      metadata: 'object',
    });
  });

  it('carries descriptions, defaults, bounds and steps', () => {
    expect(byName(fields, 'tier')).toMatchObject({ description: '1 is business-critical', min: 1, max: 4, step: 1 });
    expect(byName(fields, 'uptime_slo')).toMatchObject({ min: 90, max: 100, step: 'any' });
    expect(byName(fields, 'public')).toMatchObject({ default: false, control: 'toggle' });
    expect(byName(fields, 'tags')).toMatchObject({ maxItems: 10 });
    expect(byName(fields, 'language').options).toEqual(['TypeScript', 'Go', 'Python', 'Java', 'Rust', 'Kotlin']);
    expect(byName(fields, 'version').hint).toMatch(/semantic version/);
  });

  it('recurses into nested objects with full pointers', () => {
    const metadata = byName(fields, 'metadata');
    expect(metadata.children?.map((c) => [c.path, c.control])).toEqual([
      ['/metadata/environment', 'select'],
      ['/metadata/region', 'text'],
      ['/metadata/cost_center', 'text'],
    ]);
    expect(byName(metadata.children!, 'cost_center').hint).toBe('Format: ^CC-[0-9]{4}$');
  });

  it('gives an array of objects row fields relative to the row', () => {
    const [ports] = schemaToFields({
      type: 'object',
      properties: {
        ports: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['port'],
            properties: {
              port: { type: 'integer', minimum: 1 },
              protocol: { enum: ['tcp', 'udp'] },
              opts: { type: 'object', properties: { tls: { type: 'boolean' } } },
            },
          },
        },
      },
    });
    expect(ports).toMatchObject({ control: 'rows', minItems: 1, path: '/ports' });
    expect(ports.children?.map((c) => [c.path, c.control, c.required])).toEqual([
      ['/port', 'number', true],
      ['/protocol', 'select', false],
      ['/opts', 'object', false],
    ]);
    expect(ports.children?.[2].children?.[0].path).toBe('/opts/tls');
  });

  it('humanises names without a title and escapes pointer segments', () => {
    const fs = schemaToFields({ type: 'object', properties: { lastDeployedAt: { type: 'string' }, 'a/b': { type: 'string' } } });
    expect(fs[0].label).toBe('Last deployed at');
    expect(fs[1].path).toBe('/a~1b');
    expect(humanise('cost_center')).toBe('Cost center');
  });

  it('turns unknown shapes into a JSON field instead of dropping them', () => {
    const fs = schemaToFields({ type: 'object', properties: { any: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, bare: true } });
    expect(fs.map((f) => [f.name, f.control])).toEqual([
      ['any', 'json'],
      ['bare', 'json'],
    ]);
  });

  it('names the blueprint an entity input picks from', () => {
    const fields = schemaToFields({
      type: 'object',
      properties: {
        target: { type: 'string', format: 'entity', blueprint: 'service' },
        deps: { type: 'array', items: { type: 'string', format: 'entity', blueprint: 'library' } },
      },
    });
    expect(fields.map((f) => [f.control, f.blueprint])).toEqual([
      ['entity', 'service'],
      ['entities', 'library'],
    ]);
  });

  it('returns nothing for a schema without properties', () => {
    expect(schemaToFields({ type: 'object' })).toEqual([]);
    expect(schemaToFields(null)).toEqual([]);
  });
});

describe('defaultsFor', () => {
  it('collects defaults, nested ones included, and leaves empty objects out', () => {
    const schema = {
      type: 'object',
      properties: {
        public: { type: 'boolean', default: false },
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' }, default: ['a'] },
        meta: { type: 'object', properties: { env: { type: 'string', default: 'prod' }, x: { type: 'string' } } },
        empty: { type: 'object', properties: { y: { type: 'string' } } },
      },
    };
    const defaults = defaultsFor(schema);
    expect(defaults).toEqual({ public: false, tags: ['a'], meta: { env: 'prod' } });
    (defaults.tags as string[]).push('b');
    expect(schema.properties.tags.default).toEqual(['a']);
  });

  it('matches the demo blueprints', () => {
    expect(defaultsFor(DEMO_BLUEPRINTS[0].schema)).toEqual({ public: false });
    expect(defaultsFor(DEMO_BLUEPRINTS[1].schema)).toEqual({ backup_enabled: true });
  });
});
