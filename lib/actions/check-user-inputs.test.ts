import { describe, expect, it } from 'vitest';
import { createAjv } from '@/lib/validation/create-ajv';
import { checkUserInputs, entityInputsOf, inputsSchemaForValidation } from './check-user-inputs';

// The entity-input convention of user_inputs: found at the top level and as array items, checked
// (a string naming its blueprint), and taken out of the schema ajv compiles.

const SCHEMA = {
  type: 'object',
  required: ['service'],
  properties: {
    service: { type: 'string', format: 'entity', blueprint: 'service' },
    clusters: { type: 'array', items: { type: 'string', format: 'entity', blueprint: 'cluster' } },
    replicas: { type: 'integer', minimum: 1 },
  },
};

describe('entity inputs', () => {
  it('are found with their pointers and blueprints', () => {
    expect(entityInputsOf(SCHEMA).map((e) => [e.name, e.pointer])).toEqual([
      ['service', '/properties/service'],
      ['clusters', '/properties/clusters/items'],
    ]);
    expect(checkUserInputs(SCHEMA)).toEqual([
      { pointer: '/user_inputs/properties/service', blueprint: 'service' },
      { pointer: '/user_inputs/properties/clusters/items', blueprint: 'cluster' },
    ]);
  });

  it('compile without the format, leaving the given schema as it was', () => {
    const validate = createAjv().compile(inputsSchemaForValidation(SCHEMA));
    expect(validate({ service: 'svc-a', clusters: ['c1'], replicas: 2 })).toBe(true);
    expect(validate({ service: 7 })).toBe(false);
    expect(SCHEMA.properties.service.format).toBe('entity');
  });

  it('must be strings naming a blueprint; other faults keep the blueprint checker’s paths under /user_inputs', () => {
    const fault = (schema: Record<string, unknown>) => {
      try {
        checkUserInputs(schema);
      } catch (e) {
        return (e as { details: Array<{ path: string }> }).details.map((d) => d.path);
      }
      return [];
    };
    expect(fault({ type: 'object', properties: { s: { type: 'integer', format: 'entity', blueprint: 'x' } } })).toEqual([
      '/user_inputs/properties/s/type',
    ]);
    expect(fault({ type: 'object', properties: { s: { type: 'string', format: 'entity' } } })).toEqual([
      '/user_inputs/properties/s/blueprint',
    ]);
    expect(fault({ type: 'object', properties: { s: { type: 'string', format: 'colour' } } })).toEqual([
      '/user_inputs/properties/s/format',
    ]);
  });
});
