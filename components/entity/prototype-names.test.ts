import { describe, expect, it } from 'vitest';
import { diffAuditData } from '@/components/audit/audit-diff';
import { modelToSchema, schemaToModel } from '@/lib/blueprint-editor/schema-model';
import { valueAt } from '@/lib/catalog-view/fields';
import { getAt, setAt } from '@/lib/forms/json-pointer';
import { defaultsFor } from '@/lib/forms/schema-to-fields';
import { diffVersions } from './entity-diff';
import { propertyEntries } from './property-view';

// The browser's readers of user-chosen names (entity page, catalog table, form state, diffs,
// blueprint editor): a property called like an Object.prototype member is read as the entity's
// own value (absent: undefined), never as the prototype's function, and `__proto__` stays a key.

const protoData = () => JSON.parse('{"__proto__":{"constructor":"inner"},"plain":"p"}') as Record<string, unknown>;

describe('prototype names in the browser helpers', () => {
  it('the catalog table reads own values only', () => {
    const entity = { identifier: 'e', title: null, data: protoData() };
    expect(valueAt(entity, 'constructor')).toBeUndefined();
    expect(valueAt(entity, 'toString')).toBeUndefined();
    expect(valueAt(entity, '__proto__.constructor')).toBe('inner');
    expect(valueAt(entity, 'plain.constructor')).toBeUndefined();
  });

  it('the form state reads and writes `constructor` and `__proto__` as plain keys', () => {
    const data = setAt({}, '/__proto__', { a: 1 }) as Record<string, unknown>;
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(JSON.stringify(data)).toBe('{"__proto__":{"a":1}}');
    expect(getAt({}, '/constructor')).toBeUndefined();
    expect(getAt({}, '/valueOf/name')).toBeUndefined();
    expect(getAt(protoData(), '/__proto__/constructor')).toBe('inner');
  });

  it("the form's defaults keep a property named __proto__", () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string","default":"x"},"constructor":{"type":"number","default":1}}}',
    );
    expect(JSON.stringify(defaultsFor(schema))).toBe('{"__proto__":"x","constructor":1}');
  });

  it('the entity page lists a data key named constructor that the schema does not declare', () => {
    const entries = propertyEntries({ properties: { plain: { type: 'string' } } }, { plain: 'p', constructor: 'c' });
    expect(entries.map(([name]) => name)).toEqual(['plain', 'constructor']);
    expect(propertyEntries({ properties: {} }, {}).length).toBe(0);
  });

  it('diffs see a key that only one side has', () => {
    expect(diffVersions({ title: null, data: {} }, { title: null, data: { constructor: 'c' } })).toEqual([
      { path: 'constructor', kind: 'added', after: 'c' },
    ]);
    const audit = diffAuditData({}, { toString: 'x' });
    expect(audit).toMatchObject({ kind: 'lines', lines: [{ key: 'toString', kind: 'set' }] });
  });

  it('the blueprint editor round-trips a property named __proto__', () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"number"}}}');
    expect(JSON.stringify(modelToSchema(schemaToModel(schema)))).toBe(JSON.stringify(schema));
  });
});
