import { describe, expect, it } from 'vitest';
import { arrangeFields, arrangeProperties } from './arrange-fields';
import { schemaToFields } from './schema-to-fields';

// JSONB hands back `properties` sorted by key length; the form and the entity page use this order.
const SCHEMA = {
  type: 'object',
  required: ['version', 'owner'],
  properties: {
    cpu: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    owner: { type: 'string', format: 'email' },
    readme: { type: 'string', format: 'markdown' },
    runtime: { type: 'object', required: ['region'], properties: { size: { type: 'integer' }, region: { type: 'string' } } },
    version: { type: 'string', format: 'semver' },
    homepage: { type: 'string', format: 'url', title: 'Web site' },
    endpoints: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } },
    lifecycle: { enum: ['a', 'b'] },
  },
};

describe('arrangeFields', () => {
  it('puts short values first (required ones before the rest), then lists, long text, objects, rows; by label within a group', () => {
    const fields = arrangeFields(schemaToFields(SCHEMA));
    expect(fields.map((f) => f.name)).toEqual(['owner', 'version', 'cpu', 'lifecycle', 'homepage', 'tags', 'readme', 'runtime', 'endpoints']);
    expect(fields.find((f) => f.name === 'runtime')?.children?.map((f) => f.name)).toEqual(['region', 'size']);
  });

  it('orders property names the same way', () => {
    const names = Object.keys(SCHEMA.properties);
    expect(arrangeProperties(names, SCHEMA)).toEqual(arrangeFields(schemaToFields(SCHEMA)).map((f) => f.name));
    // A key the schema does not know (extra data) goes with the JSON values, at the end.
    expect(arrangeProperties(['zzz', 'cpu'], SCHEMA)).toEqual(['cpu', 'zzz']);
  });
});
