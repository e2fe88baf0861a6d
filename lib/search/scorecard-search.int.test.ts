import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, insertEntities, teamContextOf } from '@/lib/test/fixtures';
import { facetEntities, parseFacetRequest } from './facet-entities';
import { parseSearchBody } from './parse-search-body';
import { insertResults, insertScorecard } from './scorecard-results.test-support';
import { searchEntities } from './search-entities';
import { typeQuery } from './type-query';

// Search by scorecard level, rule result and level sort against results made in SQL: reads use
// the live generation only, an entity without a result (the filter does not apply) matches no
// level rule (not even !=), ranks order the levels, the cursor walks a level sort, and another
// team's scorecard is unknown here (a 400, never its data).

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' } } };
const LEVELS = ['Basic', 'Bronze', 'Silver', 'Gold'];
const RULES = [
  { identifier: 'has-owner', level: 1 },
  { identifier: 'has-runbook', level: 2 },
  { identifier: 'on-call', level: 3 },
];
/** Live level rank and passed bits per entity; s5 has no result (outside the filter). */
const LIVE: Record<string, { level: number; passed: number } | undefined> = {
  s1: { level: 3, passed: 0b111 },
  s2: { level: 2, passed: 0b011 },
  s3: { level: 1, passed: 0b101 },
  s4: { level: 0, passed: 0b100 },
  s5: undefined,
  s6: { level: 2, passed: 0b011 },
};

let ctx: TeamContext;
let otherCtx: TeamContext;

const search = (body: object, c = ctx) => searchEntities(testDb(), c, 'service', parseSearchBody(body), { withTotal: true });
const ids = (r: { entities: Array<{ identifier: string }> }) => r.entities.map((e) => e.identifier).sort();
const level = (value: unknown, operator = '=') => ({ query: { rules: [{ scorecard: 'prod', operator, value }] } });
const badPath = async (body: object, c = ctx) => (await expectAppError(search(body, c))).details;

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  const scope = { teamId: team.id, blueprintId: 'service' };
  await insertEntities(
    testDb(),
    scope,
    Object.keys(LIVE).map((identifier, i) => ({ identifier, data: { tier: i % 2 } })),
  );
  const scorecardId = await insertScorecard(testPool(), { ...scope, identifier: 'prod', levels: LEVELS, rules: RULES, generation: 1 });
  const results = Object.entries(LIVE).flatMap(([entity, r]) => (r ? [{ entity, ...r }] : []));
  await insertResults(testPool(), { ...scope, scorecardId }, results);
  // A recompute in progress: generation 2 is not live yet, so nothing reads it.
  await insertResults(testPool(), { ...scope, scorecardId, generation: 2 }, [{ entity: 's5', level: 3, passed: 0b111 }]);
  await insertScorecard(testPool(), { ...scope, identifier: 'never', levels: LEVELS, rules: RULES, generation: 0 });

  const other = await createTeam(testDb());
  await createBlueprint(testDb(), other.team.id, 'service', SCHEMA);
  otherCtx = await teamContextOf(other.owner, other.team.slug);
  const otherScope = { teamId: other.team.id, blueprintId: 'service' };
  await insertEntities(testDb(), otherScope, [{ identifier: 'secret-svc', data: {} }]);
  const secretId = await insertScorecard(testPool(), { ...otherScope, identifier: 'secret', levels: LEVELS, rules: RULES });
  await insertResults(testPool(), { ...otherScope, scorecardId: secretId }, [{ entity: 'secret-svc', level: 3, passed: 0b111 }]);
});

describe('level rules', () => {
  it('compare levels by rank, and only entities with a live result match', async () => {
    expect(ids(await search(level('Gold')))).toEqual(['s1']);
    expect(ids(await search(level('Gold', '!=')))).toEqual(['s2', 's3', 's4', 's6']);
    expect(ids(await search(level(['Bronze', 'Silver'], 'in')))).toEqual(['s2', 's3', 's6']);
    expect(ids(await search(level(['Basic'], 'notIn')))).toEqual(['s1', 's2', 's3', 's6']);
    expect(ids(await search(level('Silver', '>=')))).toEqual(['s1', 's2', 's6']);
    expect(ids(await search(level('Bronze', '<=')))).toEqual(['s3', 's4']);
    expect((await search(level('Silver', '>='))).total).toBe(3);
  });

  it('combine with property rules under and / or', async () => {
    const body = {
      query: {
        combinator: 'or',
        rules: [
          { scorecard: 'prod', operator: '=', value: 'Basic' },
          { property: '$identifier', operator: '=', value: 's5' },
        ],
      },
    };
    expect(ids(await search(body))).toEqual(['s4', 's5']);
    const and = {
      query: {
        rules: [
          { scorecard: 'prod', operator: '>=', value: 'Silver' },
          { property: 'tier', operator: '=', value: 1 },
        ],
      },
    };
    expect(ids(await search(and))).toEqual(['s2', 's6']);
  });

  it('a scorecard never computed matches nothing, its current levels still checked', async () => {
    expect(ids(await search({ query: { rules: [{ scorecard: 'never', operator: '!=', value: 'Gold' }] } }))).toEqual([]);
    expect(ids(await search({ query: { rules: [{ scorecard: 'never', rule: 'on-call', operator: '=', value: false }] } }))).toEqual([]);
    expect(await badPath({ query: { rules: [{ scorecard: 'never', operator: '=', value: 'Platinum' }] } })).toMatchObject({
      path: 'query.rules[0].value',
    });
  });
});

describe('rule results', () => {
  it('match entities whose live result has the bit set (true) or clear (false)', async () => {
    const rule = (name: string, value: boolean) => ({ query: { rules: [{ scorecard: 'prod', rule: name, operator: '=', value }] } });
    expect(ids(await search(rule('has-owner', true)))).toEqual(['s1', 's2', 's3', 's6']);
    expect(ids(await search(rule('has-owner', false)))).toEqual(['s4']);
    expect(ids(await search(rule('on-call', true)))).toEqual(['s1', 's3', 's4']);
    expect(ids(await search(rule('has-runbook', false)))).toEqual(['s3', 's4']);
  });
});

describe('sorting by level', () => {
  const levelsOf = (r: { entities: Array<{ identifier: string }> }) => r.entities.map((e) => LIVE[e.identifier]?.level ?? null);

  it('orders by rank in both directions, entities without a level last', async () => {
    expect(levelsOf(await search({ sort: [{ property: '$scorecard.prod', order: 'asc' }] }))).toEqual([0, 1, 2, 2, 3, null]);
    expect(levelsOf(await search({ sort: [{ property: '$scorecard.prod', order: 'desc' }] }))).toEqual([3, 2, 2, 1, 0, null]);
  });

  it('pages through a level sort with the cursor, each entity once', async () => {
    for (const order of ['asc', 'desc']) {
      const sort = [{ property: '$scorecard.prod', order }];
      const whole = (await search({ sort })).entities.map((e) => e.identifier);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search({ sort, limit: 2, cursor });
        walked.push(...page.entities.map((e) => e.identifier));
        cursor = page.next_cursor;
      } while (cursor);
      expect(walked).toEqual(whole);
    }
  });

  it('a never-computed scorecard sorts everything as missing (by id)', async () => {
    expect((await search({ sort: [{ property: '$scorecard.never' }] })).entities).toHaveLength(6);
  });
});

describe('faults and boundaries', () => {
  it('names the place of an unknown scorecard, level or rule and of a wrong operator or value', async () => {
    expect(await badPath({ query: { rules: [{ scorecard: 'nope', operator: '=', value: 'Gold' }] } })).toMatchObject({
      path: 'query.rules[0].scorecard',
    });
    expect(await badPath({ query: { rules: [{ scorecard: 'prod', operator: 'in', value: ['Gold', 'Platinum'] }] } })).toMatchObject({
      path: 'query.rules[0].value[1]',
    });
    expect(await badPath({ query: { rules: [{ scorecard: 'prod', rule: 'nope', operator: '=', value: true }] } })).toMatchObject({
      path: 'query.rules[0].rule',
    });
    expect(await badPath({ query: { rules: [{ scorecard: 'prod', operator: '>', value: 'Gold' }] } })).toMatchObject({
      path: 'query.rules[0].operator',
    });
    expect(await badPath({ query: { rules: [{ scorecard: 'prod', rule: 'on-call', operator: '=', value: 'yes' }] } })).toMatchObject({
      path: 'query.rules[0].value',
    });
    expect(await badPath({ sort: [{ property: '$scorecard.nope' }] })).toMatchObject({ path: 'sort[0].property' });
  });

  it("another team's scorecard is unknown here: a 400, never its data", async () => {
    expect(await badPath({ query: { rules: [{ scorecard: 'secret', operator: '=', value: 'Gold' }] } })).toMatchObject({
      path: 'query.rules[0].scorecard',
    });
    expect(await badPath({ sort: [{ property: '$scorecard.secret' }] })).toMatchObject({ path: 'sort[0].property' });
    // and team B's own search reads its own results only
    expect(ids(await search({ query: { rules: [{ scorecard: 'secret', operator: '=', value: 'Gold' }] } }, otherCtx))).toEqual([
      'secret-svc',
    ]);
    expect(await badPath({ query: { rules: [{ scorecard: 'prod', operator: '=', value: 'Gold' }] } }, otherCtx)).toMatchObject({
      path: 'query.rules[0].scorecard',
    });
  });

  it('naming a scorecard takes scorecard:read', async () => {
    const blind: TeamContext = { ...ctx, permissions: new Set([...ctx.permissions].filter((p) => p !== 'scorecard:read')) };
    expect((await expectAppError(search(level('Gold'), blind))).code).toBe('forbidden');
    expect(ids(await search({ query: { rules: [{ property: 'tier', operator: '=', value: 0 }] } }, blind))).toEqual(['s1', 's3', 's5']);
  });

  it('a query typed without a scorecards context (a scorecard rule) refuses scorecard rules', () => {
    const query = parseSearchBody(level('Gold')).query;
    expect(() => typeQuery(query, SCHEMA)).toThrow(/query.rules\[0\].scorecard: scorecard rules are not allowed here/);
  });
});

describe('facets', () => {
  it('count under a scorecard rule', async () => {
    const request = parseFacetRequest({ property: 'tier', query: level('Silver', '>=').query, q: undefined, limit: undefined });
    const { values } = await facetEntities(testDb(), ctx, 'service', request);
    expect(new Map(values.map((v) => [v.value, v.count]))).toEqual(
      new Map([
        [1, 2],
        [0, 1],
      ]),
    );
  });
});
