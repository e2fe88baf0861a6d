import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseSearchBody } from './parse-search-body';
import type { SearchScorecards } from './search-scorecards';
import { typeQuery } from './type-query';
import { typeSort } from './type-sort';

// Scorecard rules in the search body: their shape (parser) and their meaning against a live
// definition (typer): level names to ranks, `!=` / notIn as the complementary ranks, rule names
// to bits, every fault a 400 naming its place.

const SCHEMA = { type: 'object', properties: {} };
const results = { teamId: 't', scorecardId: 'sc-id', generation: 4 };
const SCORECARDS: SearchScorecards = {
  teamId: 't',
  byIdentifier: new Map([['prod', { results, levels: ['Basic', 'Bronze', 'Silver', 'Gold'], rules: ['owner', 'runbook'] }]]),
};

const typed = (rule: object) => typeQuery(parseSearchBody({ query: { rules: [rule] } }).query, SCHEMA, new Date(), undefined, SCORECARDS);
const faultOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return String((error.details as { path?: string } | undefined)?.path);
    throw error;
  }
  throw new Error('no fault');
};

describe('parsing scorecard rules', () => {
  it('names the faulty field', () => {
    const parse = (rule: object) => () => parseSearchBody({ query: { rules: [rule] } });
    expect(faultOf(parse({ scorecard: 'prod', operator: '=', value: 'Gold', property: 'x' }))).toBe('query.rules[0]');
    expect(faultOf(parse({ scorecard: '', operator: '=', value: 'Gold' }))).toBe('query.rules[0].scorecard');
    expect(faultOf(parse({ scorecard: 'prod', rule: 3, operator: '=', value: true }))).toBe('query.rules[0].rule');
    expect(faultOf(parse({ scorecard: 'prod', operator: 'is', value: 'Gold' }))).toBe('query.rules[0].operator');
  });
});

describe('typing scorecard rules', () => {
  const ranks = (operator: string, value: unknown) => {
    const node = typed({ scorecard: 'prod', operator, value });
    return node?.kind === 'group' && node.nodes[0].kind === 'rule' ? node.nodes[0].rule : null;
  };

  it('turns level names into ranks; != and notIn into the complementary ranks (positive conditions)', () => {
    expect(ranks('=', 'Silver')).toEqual({ op: 'scorecardLevel', results, ranks: [2] });
    expect(ranks('!=', 'Silver')).toMatchObject({ ranks: [0, 1, 3] });
    expect(ranks('in', ['Gold', 'Basic'])).toMatchObject({ ranks: [0, 3] });
    expect(ranks('notIn', ['Gold', 'Basic'])).toMatchObject({ ranks: [1, 2] });
    expect(ranks('>=', 'Bronze')).toMatchObject({ ranks: [1, 2, 3] });
    expect(ranks('<=', 'Bronze')).toMatchObject({ ranks: [0, 1] });
  });

  it("turns a rule's name into its bit", () => {
    const node = typed({ scorecard: 'prod', rule: 'runbook', operator: '=', value: false });
    expect(node).toMatchObject({ nodes: [{ kind: 'rule', negate: false, rule: { op: 'scorecardRule', bit: 1, passes: false } }] });
  });

  it('names the place of unknown names and misfit operators or values', () => {
    expect(faultOf(() => typed({ scorecard: 'other', operator: '=', value: 'Gold' }))).toBe('query.rules[0].scorecard');
    expect(faultOf(() => typed({ scorecard: 'prod', operator: '=', value: 'gold' }))).toBe('query.rules[0].value');
    expect(faultOf(() => typed({ scorecard: 'prod', operator: 'in', value: [] }))).toBe('query.rules[0].value');
    expect(faultOf(() => typed({ scorecard: 'prod', operator: 'contains', value: 'Gold' }))).toBe('query.rules[0].operator');
    expect(faultOf(() => typed({ scorecard: 'prod', rule: 'nope', operator: '=', value: true }))).toBe('query.rules[0].rule');
    expect(faultOf(() => typed({ scorecard: 'prod', rule: 'owner', operator: '!=', value: true }))).toBe('query.rules[0].operator');
    expect(faultOf(() => typed({ scorecard: 'prod', rule: 'owner', operator: '=', value: 'true' }))).toBe('query.rules[0].value');
  });

  it('refuses scorecard rules and sorts without a scorecards context', () => {
    const query = parseSearchBody({ query: { rules: [{ scorecard: 'prod', operator: '=', value: 'Gold' }] } }).query;
    expect(faultOf(() => typeQuery(query, SCHEMA))).toBe('query.rules[0].scorecard');
    const sort = parseSearchBody({ sort: [{ property: '$scorecard.prod' }] }).sort;
    expect(faultOf(() => typeSort(sort, SCHEMA))).toBe('sort[0].property');
    expect(typeSort(sort, SCHEMA, SCORECARDS)).toMatchObject([{ prop: { target: { source: 'scorecard', results } }, scalar: 'number' }]);
  });
});
