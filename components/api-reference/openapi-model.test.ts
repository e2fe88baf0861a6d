import { describe, expect, it } from 'vitest';
import { buildTeamOpenApiDocument } from '@/lib/openapi/build-team-openapi';
import {
  anchor,
  errorStatuses,
  filterLines,
  groupByTag,
  linesOf,
  resolveRef,
  typeLabel,
  type OpenApiDoc,
  type Schema,
} from './openapi-model';

const doc = buildTeamOpenApiDocument({
  team: { slug: 'acme', name: 'Acme' },
  serverUrl: 'http://localhost:3000',
  blueprints: [
    { id: 'service', title: 'Service', description: null, schema: { type: 'object', properties: { tier: { type: 'integer' } } } },
  ],
}) as OpenApiDoc;

describe('reading the team document for the reference page', () => {
  it("groups every operation by its tag, in the document's tag order, with path parameters resolved", () => {
    const groups = groupByTag(doc);
    const names = groups.map((g) => g.name);
    expect(names.indexOf('Auth')).toBeLessThan(names.indexOf('Entities'));
    const service = groups.find((g) => g.name === 'Blueprint: service')!;
    expect(service.endpoints.map((e) => `${e.method} ${e.op.operationId}`)).toEqual([
      'get listServiceEntities',
      'post createServiceEntity',
      'post bulkUpsertServiceEntities',
      'post searchServiceEntities',
      'get getServiceEntity',
      'put replaceServiceEntity',
      'patch patchServiceEntity',
      'delete deleteServiceEntity',
    ]);
    const create = service.endpoints[1];
    expect(create.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:team', 'query:upsert', 'query:validate_only']);
    expect(errorStatuses(create.op)).toEqual(expect.arrayContaining(['401', '403', '404', '422']));
    const total = Object.values(doc.paths).reduce(
      (n, item) => n + ['get', 'post', 'put', 'patch', 'delete'].filter((m) => m in item).length,
      0,
    );
    expect(groups.reduce((n, g) => n + g.endpoints.length, 0)).toBe(total);
  });

  it('labels types shortly and resolves references', () => {
    expect(typeLabel({ type: ['string', 'null'] })).toBe('string | null');
    expect(typeLabel({ type: 'array', items: { $ref: '#/components/schemas/ServiceData_person' } })).toBe('array<ServiceData_person>');
    expect(typeLabel({ const: 'service' })).toBe('"service"');
    expect(typeLabel({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toBe('integer | null');
    expect(resolveRef<Schema>(doc, '#/components/schemas/ServiceData')?.properties?.tier).toEqual({ type: 'integer' });
    expect(resolveRef(doc, '#/components/schemas/Nope')).toBeUndefined();
    expect(anchor('tag', 'Blueprint: my_app')).toBe('tag-blueprint-my-app');
  });
});

describe('the lines the page sends before an endpoint is opened', () => {
  const lines = linesOf(groupByTag(doc), 'acme');
  it("shows the team's slug in every path, never `{team}`", () => {
    const paths = lines.flatMap((g) => g.endpoints.map((e) => e.path));
    expect(paths).toContain('/api/v1/teams/acme/blueprints/service/entities');
    expect(paths.filter((p) => p.includes('{team}'))).toEqual([]);
  });
  it('keeps the endpoints holding every word of the search, in any field, and drops empty tags', () => {
    const found = filterLines(lines, 'SERVICE create');
    expect(found.map((g) => g.name)).toEqual(['Blueprint: service']);
    expect(found[0].endpoints.map((e) => e.id)).toEqual(['createServiceEntity']);
    expect(filterLines(lines, 'entity:write').length).toBeGreaterThan(0);
    expect(filterLines(lines, 'no such thing')).toEqual([]);
    expect(filterLines(lines, '   ')).toBe(lines);
  });
});
