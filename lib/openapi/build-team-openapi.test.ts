import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { hoistBlueprintSchema, mergePatchOf } from './blueprint-schema';
import { buildTeamOpenApiDocument } from './build-team-openapi';
import { matchesIfNoneMatch } from './get-team-openapi';
import { serverUrlOf } from './server-url';
import { RECURSIVE_SCHEMA, RICH_SERVICE_SCHEMA } from './team-openapi.fixtures';
import { pascalCase } from './typed-blueprint';

type Doc = {
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<
    string,
    Record<string, { operationId?: string; requestBody?: unknown; 'x-blueprint'?: string }> & { parameters?: unknown[] }
  >;
  components: { schemas: Record<string, Record<string, unknown>>; parameters: Record<string, { schema: { enum?: string[] } }> };
};

const blueprint = (id: string, schema: object, title = id) => ({ id, title, description: null, schema });
const doc = buildTeamOpenApiDocument({
  team: { slug: 'acme', name: 'Acme' },
  serverUrl: 'https://baseplate.example.com',
  blueprints: [
    {
      ...blueprint('service', RICH_SERVICE_SCHEMA, 'Service'),
      relations: [
        { id: 'runs_on', title: 'Runs on', target: 'component', type: 'many-to-one', required: true },
        { id: 'uses', title: null, target: 'my-app', type: 'many-to-many', required: false },
      ],
    },
    blueprint('component', RECURSIVE_SCHEMA),
    blueprint('my-app', {}),
    blueprint('my_app', { type: 'object' }),
  ],
}) as Doc;

function resolve(ref: string): unknown {
  let node: unknown = doc;
  for (const raw of ref.replace(/^#\//, '').split('/'))
    node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}
const refsIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);

describe("a team's OpenAPI document", () => {
  it('is valid OpenAPI 3.1, with every $ref resolving', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(refsIn(doc).filter((ref) => resolve(ref) === undefined)).toEqual([]);
  });

  it("types `relations` by the blueprint's relation definitions (views, writes with required ones, patches with null)", () => {
    const schemas = doc.components.schemas;
    const props = (name: string) =>
      (
        schemas[name].properties as Record<
          string,
          { properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean }
        >
      ).relations;
    expect(props('ServiceEntity').properties.runs_on).toMatchObject({ type: 'string' });
    expect(props('ServiceEntity').properties.uses).toMatchObject({ type: 'array' });
    expect(props('ServiceEntityInput')).toMatchObject({ additionalProperties: false, required: ['runs_on'] });
    expect(props('ServiceEntityInput').properties.uses).toMatchObject({ anyOf: [{ type: 'string' }, { type: 'array' }] });
    expect(props('ServiceEntityPatch').required).toBeUndefined();
    expect(props('ServiceEntityPatch').properties.runs_on).toMatchObject({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    // A blueprint without definitions keeps the generic `relations`.
    expect(JSON.stringify(props('ComponentEntity'))).not.toContain('runs_on');
  });

  it('fills in the server URL and the team slug', () => {
    expect(doc.servers).toEqual([{ url: 'https://baseplate.example.com', description: 'This Baseplate server' }]);
    expect(doc.components.parameters.Team.schema.enum).toEqual(['acme']);
  });

  it("types each blueprint's entity paths with components named after it", () => {
    const entities = doc.paths['/api/v1/teams/{team}/blueprints/service/entities'];
    expect(entities.post.operationId).toBe('createServiceEntity');
    expect(entities.post['x-blueprint']).toBe('service');
    expect(JSON.stringify(entities.post.requestBody)).toContain('#/components/schemas/ServiceEntityInput');
    expect(JSON.stringify(entities.get)).toContain('#/components/schemas/ServiceEntity"');
    expect(entities.parameters).toEqual([{ $ref: '#/components/parameters/Team' }]);
    const one = doc.paths['/api/v1/teams/{team}/blueprints/service/entities/{identifier}'];
    expect(
      Object.keys(one)
        .filter((k) => k !== 'parameters')
        .sort(),
    ).toEqual(['delete', 'get', 'patch', 'put']);
    expect(JSON.stringify(one.patch)).toContain('ServiceEntityPatch');
    expect(JSON.stringify(doc.paths['/api/v1/teams/{team}/blueprints/service/entities/bulk'])).toContain('ServiceEntityBulk');
    expect(doc.components.schemas.ServiceEntity.properties).toMatchObject({
      blueprint: { const: 'service' },
      data: { $ref: '#/components/schemas/ServiceData' },
    });
    expect(doc.tags.map((t) => t.name)).toContain('Blueprint: service');
  });

  it("keeps the blueprint's schema as written, its $defs moved into components", () => {
    const data = doc.components.schemas.ServiceData as {
      properties: Record<string, Record<string, unknown>>;
      $defs?: unknown;
      $schema?: unknown;
    };
    expect(data.$defs).toBeUndefined();
    expect(data.$schema).toBeUndefined();
    expect(data.properties.repository).toEqual({ type: 'string', format: 'uri', 'x-display': 'link' });
    expect(data.properties.version).toEqual({ type: 'string', format: 'semver' });
    expect(data.properties.owner).toEqual({ $ref: '#/components/schemas/ServiceData_person' });
    expect(data.properties.on_call).toEqual({ type: 'array', items: { $ref: '#/components/schemas/ServiceData_person' } });
    expect(doc.components.schemas.ServiceData_person).toEqual(RICH_SERVICE_SCHEMA.$defs.person);
    expect((doc.components.schemas.ComponentData as { properties: { children: unknown } }).properties.children).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ComponentData' },
    });
  });

  it('gives blueprints whose names collide distinct components', () => {
    expect(pascalCase('my-app')).toBe('MyApp');
    expect(pascalCase('my_app')).toBe('MyApp');
    expect(doc.paths['/api/v1/teams/{team}/blueprints/my-app/entities'].post.operationId).toBe('createMyAppEntity');
    expect(doc.paths['/api/v1/teams/{team}/blueprints/my_app/entities'].post.operationId).toBe('createMyApp2Entity');
    expect(doc.components.schemas.MyApp2Entity).toBeDefined();
  });
});

describe('the schema rewriting', () => {
  it('rewrites pointers into the schema, into its definitions, and leaves other references alone', () => {
    const schema = {
      type: 'object',
      $id: 'https://example.com/x',
      properties: {
        a: { $ref: '#/properties/b' },
        b: { $ref: '#/$defs/thing/properties/c' },
        c: { $ref: '#anchor' },
        d: { enum: [{ $ref: '#/$defs/thing' }] }, // data, not a reference
      },
      $defs: { thing: { type: 'object', properties: { c: { type: 'string' } } }, 'odd name/x': { type: 'string' } },
    };
    const { data, defs } = hoistBlueprintSchema(schema, 'XData', (n) => n === 'XData_thing');
    expect(Object.keys(defs)).toEqual(['XData_thing_2', 'XData_odd_name_x']);
    expect(data.properties).toEqual({
      a: { $ref: '#/components/schemas/XData/properties/b' },
      b: { $ref: '#/components/schemas/XData_thing_2/properties/c' },
      c: { $ref: '#anchor' },
      d: { enum: [{ $ref: '#/$defs/thing' }] },
    });
    expect(data.$id).toBeUndefined();
    expect(schema.$defs.thing).toBeDefined(); // the blueprint's own object is untouched
  });

  it('makes a merge patch schema: all optional, null removes, plain nested objects patched too', () => {
    const patch = mergePatchOf(
      {
        type: 'object',
        required: ['a'],
        properties: {
          a: { type: 'string' },
          o: { type: 'object', required: ['x'], properties: { x: { type: 'integer' } } },
          r: { $ref: '#/r' },
        },
      },
      false,
    );
    expect(patch).toEqual({
      type: 'object',
      properties: {
        a: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        o: { type: ['object', 'null'], properties: { x: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } },
        r: { anyOf: [{ $ref: '#/r' }, { type: 'null' }] },
      },
    });
  });
});

describe('caching helpers', () => {
  it('matches If-None-Match lists, weak tags and *', () => {
    expect(matchesIfNoneMatch('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('"a"', '"b"')).toBe(false);
    expect(matchesIfNoneMatch(null, '"b"')).toBe(false);
  });

  it('takes the server URL from the forwarded headers of a trusted proxy only, else the Host, and never a malformed one', () => {
    const forwarded = {
      host: 'internal:3000',
      'x-forwarded-host': 'bp.example.com',
      'x-forwarded-proto': 'https',
      'x-baseplate-client-ip': '10.0.0.2',
    };
    expect(serverUrlOf(new Headers(forwarded), 'http://localhost', ['10.0.0.2'])).toBe('https://bp.example.com');
    // From a peer that is not a trusted proxy, X-Forwarded-* are the client's own words: ignored.
    expect(serverUrlOf(new Headers(forwarded), 'http://localhost', [])).toBe('http://internal:3000');
    expect(serverUrlOf(new Headers(forwarded), 'http://localhost', ['10.0.0.9'])).toBe('http://internal:3000');
    expect(serverUrlOf(new Headers({ host: 'localhost:3000' }), 'http://localhost:3000/api')).toBe('http://localhost:3000');
    expect(serverUrlOf(new Headers({ host: 'bad host/<x>' }), 'http://fallback:1/')).toBe('http://fallback:1');
  });
});
