import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEVELS } from '@/lib/domain/scorecard-rules';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError } from '@/lib/test/fixtures';
import { checkScorecardDefinition, type DefinitionInput } from './check-scorecard-definition';

// The definition check behind the scorecard writes and the preview: shapes and levels (422 with
// JSON pointers), the queries parsed and typed as search does (400 naming `rules[i].query...`),
// relations and relatedTo resolved in the team, one budget of search's limits for the whole.

const SCHEMA = {
  type: 'object',
  properties: { owner: { type: 'string' }, tier: { type: 'integer' }, lang: { type: 'string', enum: ['go', 'ts'] } },
};
let teamId = '';
let otherTeamId = '';
const blueprint = { id: 'service', schema: SCHEMA };

beforeAll(async () => {
  const db = testDb();
  const { team } = await createTeam(db);
  const other = await createTeam(db);
  teamId = team.id;
  otherTeamId = other.team.id;
  await createBlueprint(db, teamId, 'service', SCHEMA);
  await createBlueprint(db, teamId, 'cluster', { type: 'object', properties: { region: { type: 'string' } } });
  await createBlueprint(db, otherTeamId, 'secret', { type: 'object', properties: {} });
  await db.blueprintRelation.create({
    data: { teamId, sourceBlueprintId: 'service', targetBlueprintId: 'cluster', identifier: 'runs_on' },
  });
});

const has = (property: string, operator = 'exists', value?: unknown) => ({
  combinator: 'and' as const,
  rules: [value === undefined ? { property, operator } : { property, operator, value }],
});
const rule = (identifier: string, level: string, query: unknown = has('owner')) => ({ identifier, title: identifier, level, query });
const check = (input: DefinitionInput) => checkScorecardDefinition(testDb(), teamId, blueprint, input);

async function faultOf(input: DefinitionInput) {
  const error = await expectAppError(check(input));
  return {
    code: error.code,
    message: error.message,
    details: error.details as { path?: string } & Array<{ path: string; message: string }>,
  };
}

describe('checkScorecardDefinition', () => {
  it('defaults the levels, ranks the rules and types their conditions', async () => {
    const checked = await check({ rules: [rule('owned', 'Bronze'), rule('tiered', 'Gold', has('tier', '<=', 2))] });
    expect(checked.levels).toEqual(DEFAULT_LEVELS);
    expect(checked.filter).toBeNull();
    expect(checked.filterCondition).toBeNull();
    expect(checked.rules.map((r) => [r.identifier, r.level, r.levelRank, r.description])).toEqual([
      ['owned', 'Bronze', 1, null],
      ['tiered', 'Gold', 3, null],
    ]);
    expect(checked.rules[1].condition).toMatchObject({ kind: 'group', nodes: [{ kind: 'rule', rule: { op: 'lte', value: 2 } }] });
  });

  it('trims level names and types the filter, relation hops and relatedTo', async () => {
    const checked = await check({
      levels: [
        { name: ' Low ', color: '#000000' },
        { name: 'High', color: '#ffffff' },
      ],
      filter: has('lang', '=', 'go'),
      rules: [
        rule('eu', 'High', has('runs_on.region', '=', 'eu')),
        rule('near', 'High', {
          combinator: 'and',
          rules: [{ operator: 'relatedTo', blueprint: 'cluster', value: ['c1'], direction: 'upstream' }],
        }),
      ],
    });
    expect(checked.levels.map((l) => l.name)).toEqual(['Low', 'High']);
    expect(checked.filterCondition).toMatchObject({ nodes: [{ rule: { op: 'eq', value: 'go' } }] });
    expect(checked.rules[0].condition).toMatchObject({ nodes: [{ rule: { prop: { via: { relation: 'runs_on', target: 'cluster' } } } }] });
    expect(checked.rules[1].condition).toMatchObject({ nodes: [{ rule: { op: 'relatedTo', teamId, blueprint: 'cluster' } }] });
  });

  it('refuses duplicate level names case-insensitively, and a rule on the first or an unknown level', async () => {
    const levels = {
      levels: [
        { name: 'Gold', color: '#000000' },
        { name: ' gold', color: '#000000' },
      ],
    };
    expect((await faultOf({ ...levels, rules: [] })).details).toEqual([
      { path: '/levels/1/name', message: expect.stringContaining('level 0') },
    ]);
    const rules = await faultOf({ rules: [rule('a', 'Basic'), rule('b', 'Platinum'), rule('a', 'Gold')] });
    expect(rules.code).toBe('validation_failed');
    expect(rules.details.map((d) => d.path)).toEqual(['/rules/0/level', '/rules/1/level', '/rules/2/identifier']);
  });

  it('refuses bad shapes with their JSON pointers, unknown fields with a 400', async () => {
    const shape = await faultOf({
      levels: [{ name: 'Only', color: 'red' }],
      rules: [{ identifier: 'Bad.Id', title: '', level: 'Gold', query: {} }],
    });
    expect(shape.code).toBe('validation_failed');
    expect(shape.details.map((d) => d.path).sort()).toEqual(['/levels', '/levels/0/color', '/rules/0/identifier', '/rules/0/title']);
    const unknown = await faultOf({ rules: [{ ...rule('a', 'Gold'), weight: 2 }] });
    expect([unknown.code, unknown.message]).toEqual(['bad_request', 'unknown field "weight" in /rules/0']);
    expect((await faultOf({ rules: Array.from({ length: 64 }, (_, i) => rule(`r${i}`, 'Gold')) })).details[0].path).toBe('/rules');
  });

  it('names the rule and the place inside its query for a fault of search', async () => {
    const cases: Array<[unknown, string]> = [
      [has('nope'), 'rules[1].query.rules[0].property'],
      [has('tier', 'contains', 'x'), 'rules[1].query.rules[0].operator'],
      [has('lang', '=', 'rust'), 'rules[1].query.rules[0].value'],
      [{ combinator: 'xor', rules: [] }, 'rules[1].query.combinator'],
      [
        { combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'secret', value: ['x'], direction: 'upstream' }] },
        'rules[1].query.rules[0].blueprint',
      ],
    ];
    for (const [query, path] of cases) {
      const fault = await faultOf({ rules: [rule('ok', 'Gold'), rule('bad', 'Gold', query)] });
      expect([fault.code, fault.details.path]).toEqual(['bad_request', path]);
    }
    const filter = await faultOf({ filter: has('tier', '=', 'high'), rules: [] });
    expect([filter.code, filter.details.path]).toEqual(['bad_request', 'filter.rules[0].value']);
  });

  it('counts the filter and every condition against one budget of search limits', async () => {
    const values = Array.from({ length: 900 }, (_, i) => `o${i}`);
    const big = has('owner', 'in', values);
    await expect(check({ rules: [rule('a', 'Gold', big), rule('b', 'Gold', big)] })).resolves.toBeDefined();
    const fault = await faultOf({
      filter: has('owner', 'in', values.slice(0, 300)),
      rules: [rule('a', 'Gold', big), rule('b', 'Gold', big)],
    });
    expect(fault.details).toMatchObject({ reason: 'query_too_large', limit: 'maxTotalValues', path: 'rules[1].query.rules[0].value' });
  });
});
