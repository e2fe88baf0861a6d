import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { includeParam } from '@/lib/entities/entity-params';
import { getEntity } from '@/lib/entities/get-entity';
import { listBlueprintEntities } from '@/lib/entities/list-blueprint-entities';
import { AppError } from '@/lib/errors';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { insertResults, insertScorecard } from '@/lib/search/scorecard-results.test-support';
import { searchEntities } from '@/lib/search/search-entities';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, insertEntities, teamContextOf } from '@/lib/test/fixtures';
import { listScorecardFields } from './list-scorecard-fields';

// ?include=scorecards on the entity reads (one, list, search) from the live results made in SQL,
// and the catalog's scorecard fields: live generation only, absent where nothing applies,
// another team's results never, scorecard:read required.

const LEVELS = ['Basic', 'Bronze', 'Silver', 'Gold'];
let ctx: TeamContext;
let otherCtx: TeamContext;

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', { type: 'object', properties: {} });
  ctx = await teamContextOf(owner, team.slug);
  const scope = { teamId: team.id, blueprintId: 'service' };
  await insertEntities(testDb(), scope, [
    { identifier: 'a', data: {} },
    { identifier: 'b', data: {} },
    { identifier: 'c', data: {} },
  ]);
  const prod = await insertScorecard(testPool(), {
    ...scope,
    identifier: 'prod',
    levels: LEVELS,
    rules: [
      { identifier: 'owner', level: 1 },
      { identifier: 'runbook', level: 2 },
    ],
    generation: 2,
  });
  await insertResults(testPool(), { ...scope, scorecardId: prod, generation: 2 }, [
    { entity: 'a', level: 2, passed: 0b11 },
    { entity: 'b', level: 0, passed: 0b10 },
  ]);
  // An old generation's rows (not yet deleted) are not read.
  await insertResults(testPool(), { ...scope, scorecardId: prod, generation: 1 }, [{ entity: 'c', level: 3, passed: 0b11 }]);
  const sec = await insertScorecard(testPool(), {
    ...scope,
    identifier: 'security',
    levels: ['Low', 'High'],
    rules: [{ identifier: 'tls', level: 1 }],
  });
  await insertResults(testPool(), { ...scope, scorecardId: sec }, [{ entity: 'a', level: 1, passed: 1 }]);
  await insertScorecard(testPool(), {
    ...scope,
    identifier: 'draft',
    levels: LEVELS,
    rules: [{ identifier: 'x', level: 1 }],
    generation: 0,
  });

  const other = await createTeam(testDb());
  await createBlueprint(testDb(), other.team.id, 'service', { type: 'object', properties: {} });
  otherCtx = await teamContextOf(other.owner, other.team.slug);
  await insertEntities(testDb(), { teamId: other.team.id, blueprintId: 'service' }, [{ identifier: 'a', data: {} }]);
  const theirs = await insertScorecard(testPool(), {
    teamId: other.team.id,
    blueprintId: 'service',
    identifier: 'theirs',
    levels: LEVELS,
    rules: [],
  });
  await insertResults(testPool(), { teamId: other.team.id, blueprintId: 'service', scorecardId: theirs }, [
    { entity: 'a', level: 3, passed: 0 },
  ]);
});

const A = {
  prod: { level: 'Silver', rules: { owner: true, runbook: true } },
  security: { level: 'High', rules: { tls: true } },
};

describe('include=scorecards', () => {
  it("GET one: the entity's live level and rule results per scorecard", async () => {
    const { entity } = await getEntity(testDb(), ctx, 'service', 'a', { includeScorecards: true });
    expect(JSON.parse(JSON.stringify(entity.scorecards))).toEqual(A);
    const b = await getEntity(testDb(), ctx, 'service', 'b', { includeScorecards: true });
    expect(JSON.parse(JSON.stringify(b.entity.scorecards))).toEqual({ prod: { level: 'Basic', rules: { owner: false, runbook: true } } });
    const c = await getEntity(testDb(), ctx, 'service', 'c', { includeScorecards: true });
    expect(JSON.parse(JSON.stringify(c.entity.scorecards))).toEqual({});
    expect((await getEntity(testDb(), ctx, 'service', 'a')).entity).not.toHaveProperty('scorecards');
  });

  it('the list and the search carry them for the whole page', async () => {
    const list = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 10, cursor: null }, { includeScorecards: true });
    const byId = new Map(list.entities.map((e) => [e.identifier, JSON.parse(JSON.stringify(e.scorecards))]));
    const B = { prod: { level: 'Basic', rules: { owner: false, runbook: true } } };
    expect(byId).toEqual(
      new Map<string, object>([
        ['a', A],
        ['b', B],
        ['c', {}],
      ]),
    );
    const found = await searchEntities(
      testDb(),
      ctx,
      'service',
      parseSearchBody({ query: { rules: [{ scorecard: 'prod', operator: '=', value: 'Silver' }] } }),
      {
        withTotal: true,
        includeScorecards: true,
      },
    );
    expect(found.entities.map((e) => [e.identifier, JSON.parse(JSON.stringify(e.scorecards))])).toEqual([['a', A]]);
  });

  it("another team's results never show; its own only", async () => {
    const { entity } = await getEntity(testDb(), otherCtx, 'service', 'a', { includeScorecards: true });
    expect(JSON.parse(JSON.stringify(entity.scorecards))).toEqual({ theirs: { level: 'Gold', rules: {} } });
  });

  it('takes scorecard:read; an unknown include is a 400', async () => {
    const blind: TeamContext = { ...ctx, permissions: new Set([...ctx.permissions].filter((p) => p !== 'scorecard:read')) };
    expect((await expectAppError(getEntity(testDb(), blind, 'service', 'a', { includeScorecards: true }))).code).toBe('forbidden');
    expect(includeParam(new URL('http://x/?include=related,scorecards'))).toEqual({ includeRelated: true, includeScorecards: true });
    expect(() => includeParam(new URL('http://x/?include=scores'))).toThrow(AppError);
  });
});

describe('the catalog scorecard fields', () => {
  it('lists each scorecard with its levels (colours) and rules (titles), live names first', async () => {
    const fields = await listScorecardFields(testDb(), ctx, 'service');
    expect(fields.map((f) => f.identifier)).toEqual(['draft', 'prod', 'security']);
    expect(fields[1]).toMatchObject({
      levels: [{ name: 'Basic' }, { name: 'Bronze' }, { name: 'Silver' }, { name: 'Gold' }],
      rules: [
        { identifier: 'owner', title: 'owner' },
        { identifier: 'runbook', title: 'runbook' },
      ],
    });
    expect(fields[1].levels.every((l) => /^#[0-9a-f]{6}$/.test(l.color))).toBe(true);
    expect(await listScorecardFields(testDb(), otherCtx, 'service')).toMatchObject([{ identifier: 'theirs' }]);
  });
});
