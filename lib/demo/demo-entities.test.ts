import { describe, expect, it } from 'vitest';
import { createAjv } from '@/lib/validation/create-ajv';
import { DEMO_BLUEPRINTS } from './demo-blueprints';
import { buildDemoCatalog } from './demo-entities';

describe('demo catalog', () => {
  const { entities, links } = buildDemoCatalog();

  it('has about a hundred entities over the three blueprints, identifiers unique', () => {
    expect(entities.length).toBeGreaterThanOrEqual(80);
    expect(entities.length).toBeLessThanOrEqual(120);
    expect(new Set(entities.map((e) => e.blueprintId))).toEqual(new Set(['service', 'database', 'cluster']));
    expect(new Set(entities.map((e) => e.identifier)).size).toBe(entities.length);
  });

  it('every entity is valid against its blueprint schema (the same ajv the server uses)', () => {
    const ajv = createAjv();
    for (const blueprint of DEMO_BLUEPRINTS) {
      const validate = ajv.compile(blueprint.schema);
      for (const entity of entities.filter((e) => e.blueprintId === blueprint.id)) {
        const ok = validate(entity.data);
        expect(ok, `${entity.identifier}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('the schemas themselves are valid draft 2020-12 object schemas', () => {
    const ajv = createAjv();
    for (const blueprint of DEMO_BLUEPRINTS) {
      expect(ajv.validateSchema(blueprint.schema), blueprint.id).toBe(true);
      expect(blueprint.schema.type).toBe('object');
    }
  });

  it('links join existing entities of the right blueprints', () => {
    const blueprintOf = new Map(entities.map((e) => [e.identifier, e.blueprintId]));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(blueprintOf.get(link.source)).toBe('service');
      expect(blueprintOf.get(link.target)).toBe({ runs_on: 'cluster', uses: 'database', calls: 'service' }[link.relation]);
    }
  });

  it('is the same on every run (seeded)', () => {
    expect(buildDemoCatalog().entities.map((e) => e.data)).toEqual(entities.map((e) => e.data));
  });
});
