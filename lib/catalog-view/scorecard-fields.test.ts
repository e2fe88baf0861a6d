import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { OPERATORS } from '@/lib/domain/operators';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import type { SearchScorecards } from '@/lib/search/search-scorecards';
import { typeQuery } from '@/lib/search/type-query';
import { typeSort } from '@/lib/search/type-sort';
import { fieldsOf, type Field } from './fields';
import { fits, initialValue, operatorsFor, valueControl } from './operators';
import { cleanTree, toApiNode } from './rule-tree';
import { levelOf, parseScorecardKey, type ScorecardFieldInfo } from './scorecard-fields';
import { searchBody } from './search-body';
import { columnable, decodeSort, DEFAULT_VIEW, sortable } from './view-state';

// The catalog's scorecard fields against the search route: every operator the builder offers on
// a level or a rule result, with the value its control makes, is accepted by the server's parser
// and typer (called in-process with a scorecards context), and every operator not offered is
// refused; the level sort and column; the API form of the rules.

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' } } };
const PROD: ScorecardFieldInfo = {
  identifier: 'prod',
  title: 'Production readiness',
  levels: [
    { name: 'Basic', color: '#94a3b8' },
    { name: 'Bronze', color: '#b45309' },
    { name: 'Silver', color: '#64748b' },
    { name: 'Gold', color: '#ca8a04' },
  ],
  rules: [{ identifier: 'has-owner', title: 'Has an owner' }],
};
const SCORECARDS: SearchScorecards = {
  teamId: 't',
  byIdentifier: new Map([
    ['prod', { results: { teamId: 't', scorecardId: 'x', generation: 1 }, levels: PROD.levels.map((l) => l.name), rules: ['has-owner'] }],
  ]),
};
const fields = fieldsOf(SCHEMA, [], [PROD]);
const level = fields.find((f) => f.key === '$scorecard.prod') as Field;
const rule = fields.find((f) => f.key === '$scorecard.prod.has-owner') as Field;

function serverAccepts(node: unknown): true | string {
  try {
    typeQuery(parseSearchBody({ query: { rules: [node] } }).query, SCHEMA, new Date(), undefined, SCORECARDS);
    return true;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

describe('scorecard fields', () => {
  it('one level field per scorecard and one per rule, labelled by titles', () => {
    expect(level).toMatchObject({ kind: 'scorecardLevel', label: 'Production readiness', options: ['Basic', 'Bronze', 'Silver', 'Gold'] });
    expect(rule).toMatchObject({ kind: 'scorecardRule', label: 'Production readiness › Has an owner' });
    expect(parseScorecardKey('$scorecard.prod.has-owner')).toEqual({ scorecard: 'prod', rule: 'has-owner' });
    expect(parseScorecardKey('$scorecard.a.b.c')).toBeNull();
  });

  it('offers exactly what the server accepts, and the server refuses the rest', () => {
    for (const field of [level, rule]) {
      const offered = operatorsFor(field);
      expect(offered.length).toBeGreaterThan(0);
      for (const op of offered) {
        const value = initialValue(valueControl(field, op), field);
        const picked = valueControl(field, op) === 'enumList' ? ['Silver', 'Gold'] : value;
        const node = { property: field.key, operator: op, value: picked };
        expect(cleanTree({ combinator: 'and', rules: [node] }, fields).rules, `${field.key} ${op}`).toHaveLength(1);
        expect(serverAccepts(toApiNode(node)), `${field.key} ${op}`).toBe(true);
      }
      for (const op of OPERATORS.filter((o) => !offered.includes(o) && o !== 'relatedTo')) {
        expect(fits(field, op)).toBe(false);
        expect(serverAccepts(toApiNode({ property: field.key, operator: op, value: 'Gold' })), `${field.key} ${op}`).toMatch(/\.operator:/);
      }
    }
  });

  it("maps to the API's scorecard rules and level sort", () => {
    const view = {
      ...DEFAULT_VIEW,
      query: { combinator: 'and' as const, rules: [{ property: '$scorecard.prod', operator: '=' as const, value: 'Gold' }] },
      sort: decodeSort('-$scorecard.prod', fields),
    };
    expect(searchBody(view)).toMatchObject({
      query: { combinator: 'and', rules: [{ scorecard: 'prod', operator: '=', value: 'Gold' }] },
      sort: [{ property: '$scorecard.prod', order: 'desc' }],
    });
    expect(toApiNode({ property: '$scorecard.prod.has-owner', operator: '=', value: false })).toEqual({
      scorecard: 'prod',
      rule: 'has-owner',
      operator: '=',
      value: false,
    });
    expect(() => typeSort(parseSearchBody({ sort: searchBody(view).sort }).sort, SCHEMA, SCORECARDS)).not.toThrow();
  });

  it('a level is a sortable column with its colour; a rule result is a filter only', () => {
    expect(sortable(level) && columnable(level)).toBe(true);
    expect(sortable(rule) || columnable(rule)).toBe(false);
    const entity = { scorecards: { prod: { level: 'Silver', rules: {} } } };
    expect(levelOf(entity, level)).toEqual({ name: 'Silver', color: '#64748b' });
    expect(levelOf({}, level)).toBeNull();
  });

  it('a level name the scorecard does not have is dropped from a hand-edited view', () => {
    const tree = { combinator: 'and', rules: [{ property: '$scorecard.prod', operator: '=', value: 'Platinum' }] };
    expect(cleanTree(tree, fields).rules).toEqual([]);
  });
});
