import { describe, expect, it } from 'vitest';
import { fieldsOf } from './fields';
import { cleanTree, countRules, selectedFacetValues, toApiNode, toggleFacetValue, withoutFacetRule, type Group } from './rule-tree';
import { SERVICE_SCHEMA } from './test-schema';

const fields = fieldsOf(SERVICE_SCHEMA);

describe('relatedTo rules and rules through a relation', () => {
  const withRelations = fieldsOf(SERVICE_SCHEMA, [
    { id: 'runs_on', title: 'Runs on', targetSchema: { properties: { region: { type: 'string' } } } },
  ]);
  const related = { blueprint: 'cluster', value: ['eu-1'], direction: 'downstream', max_hops: 3 };

  it('keep a complete relatedTo rule and a rule on a related property; drop incomplete or hostile ones', () => {
    const good: Group = {
      combinator: 'and',
      rules: [
        { property: '@relatedTo', operator: 'relatedTo', value: related },
        { property: 'runs_on.region', operator: '=', value: 'eu' },
      ],
    };
    expect(cleanTree(good, withRelations)).toEqual(good);
    for (const value of [
      { ...related, value: [] },
      { ...related, blueprint: '' },
      { ...related, max_hops: 16 },
      { ...related, max_hops: 1.5 },
      { ...related, direction: 'sideways' },
      { ...related, extra: 1 },
      { ...related, value: ['x'.repeat(256)] },
      'eu-1',
    ]) {
      expect(
        cleanTree({ combinator: 'and', rules: [{ property: '@relatedTo', operator: 'relatedTo', value }] }, withRelations).rules,
      ).toHaveLength(0);
    }
    // A relation the blueprint does not have, and the relation column itself, are not filters.
    expect(
      cleanTree(
        {
          combinator: 'and',
          rules: [
            { property: 'hosted_on.region', operator: '=', value: 'eu' },
            { property: 'runs_on', operator: 'exists' },
          ],
        },
        withRelations,
      ).rules,
    ).toHaveLength(0);
  });

  it("become the search route's shape: relatedTo without a property, its fields at the top", () => {
    const tree: Group = {
      combinator: 'or',
      rules: [
        { property: '@relatedTo', operator: 'relatedTo', value: related },
        { combinator: 'and', rules: [{ property: 'runs_on.region', operator: '=', value: 'eu' }] },
      ],
    };
    expect(toApiNode(tree)).toEqual({
      combinator: 'or',
      rules: [
        { operator: 'relatedTo', ...related },
        { combinator: 'and', rules: [{ property: 'runs_on.region', operator: '=', value: 'eu' }] },
      ],
    });
  });
});

describe('cleanTree', () => {
  it('keeps well-typed rules and nested groups', () => {
    const tree: Group = {
      combinator: 'and',
      rules: [
        { property: 'status', operator: '=', value: 'active' },
        { property: 'version', operator: '>=', value: '2.0.0' },
        {
          combinator: 'or',
          rules: [
            { property: 'metadata.environment', operator: '=', value: 'production' },
            { property: 'tags', operator: 'containsAny', value: ['postgres', 'redis'] },
          ],
        },
        { property: '$updated_at', operator: 'between', value: { preset: 'lastWeek' } },
        { property: 'replicas', operator: 'between', value: [1, 3] },
        { property: 'owner', operator: 'isEmpty' },
      ],
    };
    expect(cleanTree(tree, fields)).toEqual(tree);
  });

  it('drops unknown properties, unfit operators, wrong value types and half-filled rules', () => {
    const tree = {
      combinator: 'and',
      rules: [
        { property: 'nope', operator: '=', value: 'x' },
        { property: 'status', operator: '>', value: 'active' },
        { property: 'status', operator: '=', value: 'unknown' },
        { property: 'replicas', operator: '=', value: '3' },
        { property: 'owner', operator: 'contains', value: '' },
        { property: 'tags', operator: 'containsAny', value: [] },
        { property: 'owner', operator: 'isEmpty', value: 'x' },
        { property: 'deployed_at', operator: 'between', value: { preset: 'forever' } },
        { combinator: 'or', rules: [{ property: 'nope', operator: '=', value: 1 }] },
        { property: 'public', operator: '=', value: false },
      ],
    };
    expect(cleanTree(tree, fields)).toEqual({ combinator: 'and', rules: [{ property: 'public', operator: '=', value: false }] });
  });

  it('wants a day for date properties and an instant for date-time ones, and full semantic versions', () => {
    const rules = [
      { property: 'released', operator: '<', value: '2026-01-31' },
      { property: 'released', operator: '<', value: '2026-01-31T00:00:00Z' },
      { property: 'deployed_at', operator: '<', value: '2026-01-31T00:00:00Z' },
      { property: 'deployed_at', operator: '<', value: '2026-01-31' },
      { property: 'version', operator: '=', value: '2.0' },
    ];
    expect(cleanTree({ combinator: 'or', rules }, fields).rules).toEqual([rules[0], rules[2]]);
  });

  it('turns garbage into an empty AND group', () => {
    for (const garbage of [null, 42, 'x', [], { combinator: 'xor', rules: [] }, { combinator: 'and', rules: 'x' }]) {
      expect(cleanTree(garbage, fields)).toEqual({ combinator: 'and', rules: [] });
    }
  });

  it('drops groups nested too deep', () => {
    let node: unknown = { property: 'public', operator: '=', value: true };
    for (let i = 0; i < 6; i += 1) node = { combinator: 'and', rules: [node] };
    expect(countRules(cleanTree(node, fields))).toBe(0);
  });
});

describe('facet toggles', () => {
  it('adds =, widens to in, narrows back and removes', () => {
    let tree: Group = { combinator: 'and', rules: [{ property: 'public', operator: '=', value: true }] };
    tree = toggleFacetValue(tree, 'status', 'active');
    expect(tree.rules[1]).toEqual({ property: 'status', operator: '=', value: 'active' });
    tree = toggleFacetValue(tree, 'status', 'retired');
    expect(tree.rules[1]).toEqual({ property: 'status', operator: 'in', value: ['active', 'retired'] });
    expect(selectedFacetValues(tree, 'status')).toEqual(['active', 'retired']);
    tree = toggleFacetValue(tree, 'status', 'active');
    expect(tree.rules[1]).toEqual({ property: 'status', operator: '=', value: 'retired' });
    tree = toggleFacetValue(tree, 'status', 'retired');
    expect(tree.rules).toEqual([{ property: 'public', operator: '=', value: true }]);
  });

  it('keeps an OR tree intact as one member of an AND', () => {
    const or: Group = { combinator: 'or', rules: [{ property: 'public', operator: '=', value: true }] };
    expect(toggleFacetValue(or, 'status', 'active')).toEqual({
      combinator: 'and',
      rules: [or, { property: 'status', operator: '=', value: 'active' }],
    });
  });
});

describe('withoutFacetRule', () => {
  it('counts a facet under the query without its own rule', () => {
    const tree: Group = {
      combinator: 'and',
      rules: [
        { property: 'status', operator: 'in', value: ['active', 'retired'] },
        { property: 'public', operator: '=', value: true },
      ],
    };
    expect(withoutFacetRule(tree, 'status')).toEqual({ combinator: 'and', rules: [{ property: 'public', operator: '=', value: true }] });
    expect(withoutFacetRule(tree, 'owner')).toBe(tree);
  });
});
