import { describe, expect, it } from 'vitest';
import { fieldsOf, kindOf, valueAt } from './fields';
import { SERVICE_SCHEMA } from './test-schema';

describe('fieldsOf', () => {
  const fields = fieldsOf(SERVICE_SCHEMA);
  const kind = (key: string) => fields.find((f) => f.key === key)?.kind;

  it('gives each property its kind from the schema', () => {
    expect(kind('status')).toBe('enum');
    expect(kind('replicas')).toBe('number');
    expect(kind('cost')).toBe('number');
    expect(kind('public')).toBe('boolean');
    expect(kind('owner')).toBe('string');
    expect(kind('released')).toBe('date');
    expect(kind('deployed_at')).toBe('date');
    expect(kind('version')).toBe('semver');
    expect(kind('tags')).toBe('stringArray');
    expect(kind('metadata')).toBe('object');
  });

  it('walks nested objects into dotted paths with a readable label', () => {
    const env = fields.find((f) => f.key === 'metadata.environment');
    expect(env).toMatchObject({ kind: 'string', label: 'Metadata › Environment' });
  });

  it('allows only presence tests on arrays of objects, and ends with the meta-properties and "Related to…"', () => {
    expect(kind('ports')).toBe('object');
    expect(fields.slice(-7).map((f) => f.key)).toEqual([
      '$identifier',
      '$title',
      '$created_at',
      '$updated_at',
      '$created_by',
      '$updated_by',
      '@relatedTo',
    ]);
  });

  it('keeps enum options and date formats', () => {
    expect(fields.find((f) => f.key === 'status')?.options).toEqual(['active', 'deprecated', 'retired']);
    expect(fields.find((f) => f.key === 'released')?.format).toBe('date');
    expect(fields.find((f) => f.key === 'deployed_at')?.format).toBe('date-time');
  });

  it('copes with garbage schemas and nullable types', () => {
    expect(fieldsOf(null)).toHaveLength(7);
    expect(fieldsOf({ properties: 'x' })).toHaveLength(7);
    expect(kindOf({ type: ['null', 'integer'] })).toBe('number');
    // No single type: presence tests only, as the search route reads it.
    expect(kindOf({})).toBe('any');
    expect(kindOf({ type: ['string', 'number'] })).toBe('any');
    expect(kindOf({ enum: ['a', 'b'] })).toBe('enum');
    expect(kindOf({ enum: ['a', 1] })).toBe('any');
    expect(kindOf({ type: 'array' })).toBe('object');
    expect(kindOf({ type: 'array', items: { type: 'integer' } })).toBe('numberArray');
  });
});

describe('fieldsOf with relations', () => {
  const fields = fieldsOf({ type: 'object', properties: { name: { type: 'string' } } }, [
    {
      id: 'runs_on',
      title: 'Runs on',
      targetSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', enum: ['eu', 'us'] },
          spec: { type: 'object', properties: { nodes: { type: 'integer' } } },
        },
      },
    },
    { id: 'owned_by', title: null, targetSchema: null },
  ]);
  const at = (key: string) => fields.find((f) => f.key === key);

  it("adds per relation its column, its target's meta-properties and properties one hop away (nested too), typed by the target schema", () => {
    expect(at('runs_on')).toEqual({ key: 'runs_on', label: 'Runs on', kind: 'relation', via: 'runs_on' });
    expect(at('runs_on.$identifier')).toMatchObject({ kind: 'string', via: 'runs_on', label: 'Runs on › Identifier' });
    expect(at('runs_on.$title')).toMatchObject({ kind: 'string', nullable: true });
    expect(at('runs_on.region')).toMatchObject({ kind: 'enum', options: ['eu', 'us'], via: 'runs_on', label: 'Runs on › Region' });
    expect(at('runs_on.spec.nodes')).toMatchObject({ kind: 'number', via: 'runs_on', label: 'Runs on › Spec › Nodes' });
    // A relation without a title reads as its humanized id; a missing target schema adds no property.
    expect(at('owned_by')?.label).toBe('Owned by');
    expect(fields.filter((f) => f.via === 'owned_by').map((f) => f.key)).toEqual(['owned_by', 'owned_by.$identifier', 'owned_by.$title']);
    expect(fields.at(-1)?.key).toBe('@relatedTo');
  });
});

describe('valueAt', () => {
  const entity = { identifier: 'a', title: 'A', data: { metadata: { environment: 'prod' }, n: 1 }, created_at: '2026-01-01T00:00:00Z' };
  it('reads dotted paths and meta-properties', () => {
    expect(valueAt(entity, 'metadata.environment')).toBe('prod');
    expect(valueAt(entity, '$identifier')).toBe('a');
    expect(valueAt(entity, '$created_at')).toBe('2026-01-01T00:00:00Z');
    expect(valueAt(entity, 'n.deeper')).toBeUndefined();
  });
});
