import { describe, expect, it } from 'vitest';
import { facetFields } from './facet-fields';
import { fieldsOf } from './fields';

describe('facetFields', () => {
  it('offers enums, booleans and bounded short strings, never free text', () => {
    const schema = {
      type: 'object',
      properties: {
        description: { type: 'string' },
        notes: { type: 'string', maxLength: 5000 },
        homepage: { type: 'string', format: 'uri', maxLength: 80 },
        team: { type: 'string', maxLength: 60 },
        on_call: { type: 'boolean' },
        tier: { type: 'string', enum: ['gold', 'silver'] },
        readme: { type: 'string', format: 'markdown' },
        replicas: { type: 'integer' },
      },
    };
    expect(facetFields(fieldsOf(schema), schema).map((f) => f.key)).toEqual(['team', 'on_call', 'tier']);
  });

  it('stops at the maximum and copes with no schema', () => {
    const schema = { properties: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, { type: 'boolean' }])) };
    expect(facetFields(fieldsOf(schema), schema, 6)).toHaveLength(6);
    expect(facetFields(fieldsOf(null), null)).toEqual([]);
  });
});
