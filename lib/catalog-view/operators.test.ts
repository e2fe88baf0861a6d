import { describe, expect, it } from 'vitest';
import { fieldsOf } from './fields';
import { initialValue, operatorLabel, operatorsFor, valueControl } from './operators';
import { SERVICE_SCHEMA } from './test-schema';

const fields = fieldsOf(SERVICE_SCHEMA);
const field = (key: string) => fields.find((f) => f.key === key)!;

describe('operatorsFor', () => {
  it('offers ordered comparisons on numbers, dates, versions and free text, not on enums, booleans, lists, objects', () => {
    for (const key of ['replicas', 'version', 'deployed_at', 'owner']) expect(operatorsFor(field(key))).toContain('between');
    for (const key of ['status', 'public', 'tags', 'metadata']) expect(operatorsFor(field(key))).not.toContain('>');
  });

  it('offers substring operators on strings, membership on arrays, presence on objects', () => {
    expect(operatorsFor(field('owner'))).toEqual(expect.arrayContaining(['contains', 'beginsWith', 'endsWith', 'in']));
    expect(operatorsFor(field('tags'))).toEqual([
      'contains',
      'doesNotContain',
      'containsAny',
      'containsAll',
      'exists',
      'isEmpty',
      'isNotEmpty',
    ]);
    expect(operatorsFor(field('metadata'))).toEqual(['exists', 'isEmpty', 'isNotEmpty']);
    expect(operatorsFor(field('public'))).toEqual(['=', '!=', 'exists', 'isEmpty', 'isNotEmpty']);
  });

  it('never offers presence tests on meta-properties every entity has', () => {
    expect(operatorsFor(field('$identifier'))).not.toContain('exists');
    expect(operatorsFor(field('$created_at'))).not.toContain('exists');
    expect(operatorsFor(field('$title'))).toContain('isEmpty');
  });
});

describe('valueControl', () => {
  it('picks the control of the field type and operator', () => {
    expect(valueControl(field('replicas'), '>=')).toBe('number');
    expect(valueControl(field('replicas'), 'between')).toBe('numberRange');
    expect(valueControl(field('replicas'), 'in')).toBe('tags');
    expect(valueControl(field('deployed_at'), 'between')).toBe('dateRange');
    expect(valueControl(field('deployed_at'), '<')).toBe('date');
    expect(valueControl(field('status'), '=')).toBe('enum');
    expect(valueControl(field('status'), 'notIn')).toBe('enumList');
    expect(valueControl(field('public'), '=')).toBe('boolean');
    expect(valueControl(field('tags'), 'containsAll')).toBe('tags');
    expect(valueControl(field('tags'), 'contains')).toBe('text');
    expect(valueControl(field('version'), 'notBetween')).toBe('semverRange');
    expect(valueControl(field('owner'), 'isEmpty')).toBe('none');
  });

  it('starts each control with a sensible value', () => {
    expect(initialValue('enum', field('status'))).toBe('active');
    expect(initialValue('tags', field('owner'))).toEqual([]);
    expect(initialValue('dateRange', field('deployed_at'))).toEqual({ preset: 'last7Days' });
    expect(initialValue('none', field('owner'))).toBeUndefined();
  });

  it('labels date comparisons as before / after', () => {
    expect(operatorLabel('<', 'date')).toBe('before');
    expect(operatorLabel('<', 'number')).toBe('less than');
  });
});
