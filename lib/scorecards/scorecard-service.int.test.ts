import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint as createBlueprintService, deleteBlueprint, updateBlueprint } from '@/lib/blueprints/blueprint-service';
import type { QueryTree } from '@/lib/domain/scorecard-rules';
import { setJobQueue } from '@/lib/jobs/job-queue';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { createScorecard, deleteScorecard, getScorecard, listScorecards, updateScorecard } from './scorecard-service';

// Scorecards against the real database: the view and its defaults, versions and If-Match, one
// audit row per change, which changes start a new generation (and are kicked after commit), the
// 404s of other teams' and blueprints' ids, and the rule-naming faults of the definition check.

const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, tier: { type: 'integer' } } };
const has = (property: string) => ({ combinator: 'and' as const, rules: [{ property, operator: 'exists' }] });
const rule = (identifier: string, level: string, query: QueryTree = has('owner')) => ({ identifier, title: identifier, level, query });
const PAGE = { limit: 50, cursor: null };
const db = () => testDb();

let ctx: TeamContext;
let otherCtx: TeamContext;
let kicked: Array<{ name: string; data: object }> = [];

async function adminOf() {
  const { team, owner } = await createTeam(db());
  return teamContextOf(owner, team.slug);
}

beforeAll(async () => {
  ctx = await adminOf();
  otherCtx = await adminOf();
  for (const c of [ctx, otherCtx]) {
    await createBlueprintService(db(), c, { id: 'service', title: 'Service', schema: SCHEMA });
  }
});

beforeEach(() => {
  kicked = [];
  setJobQueue({ enqueue: async (name, data) => (kicked.push({ name, data }), true) });
});
afterEach(() => setJobQueue(null));

let n = 0;
const fresh = (c: TeamContext = ctx, extra: object = {}) =>
  createScorecard(db(), c, 'service', { identifier: `sc${++n}`, title: 'Readiness', rules: [rule('owned', 'Bronze')], ...extra });

const rowOf = (identifier: string, c: TeamContext = ctx) =>
  db().scorecard.findUniqueOrThrow({ where: { teamId_blueprintId_identifier: { teamId: c.team.id, blueprintId: 'service', identifier } } });

describe('createScorecard', () => {
  it('saves the scorecard with the default levels, its rules in order, generation 1 kicked, and scorecard.created', async () => {
    const { view, version } = await createScorecard(db(), ctx, 'service', {
      identifier: 'prod',
      title: 'Production readiness',
      description: 'Ready?',
      filter: has('tier'),
      rules: [rule('owned', 'Bronze'), rule('tiered', 'Gold', has('tier'))],
    });
    expect(version).toBe(1);
    expect(view).toEqual({
      identifier: 'prod',
      blueprint: 'service',
      title: 'Production readiness',
      description: 'Ready?',
      levels: [
        { name: 'Basic', color: '#94a3b8' },
        { name: 'Bronze', color: '#b45309' },
        { name: 'Silver', color: '#64748b' },
        { name: 'Gold', color: '#ca8a04' },
      ],
      filter: has('tier'),
      rules: [
        { identifier: 'owned', title: 'owned', description: null, level: 'Bronze', query: has('owner') },
        { identifier: 'tiered', title: 'tiered', description: null, level: 'Gold', query: has('tier') },
      ],
      computed_at: null,
      recomputing: true,
      progress: { done: 0, total: 0 },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const row = await rowOf('prod');
    expect([row.targetGeneration, row.liveGeneration]).toEqual([1, 0]);
    const rules = await db().scorecardRule.findMany({ where: { teamId: ctx.team.id, scorecardId: row.id }, orderBy: { position: 'asc' } });
    expect(rules.map((r) => [r.identifier, r.position])).toEqual([
      ['owned', 0],
      ['tiered', 1],
    ]);
    expect(kicked).toEqual([{ name: 'scorecard-recompute', data: { teamId: ctx.team.id, scorecardId: row.id, generation: 1 } }]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { teamId: ctx.team.id, entityId: row.id } });
    expect([audit.action, audit.entityType]).toEqual(['scorecard.created', 'scorecard']);
    expect(audit.newData).toMatchObject({ blueprint: 'service', identifier: 'prod', filter: has('tier') });
  });

  it('refuses a taken identifier (409), an unknown blueprint (404), and names the faulty rule', async () => {
    const { view } = await fresh();
    const taken = await expectAppError(fresh(ctx, { identifier: view.identifier }));
    expect([taken.code, (taken.details as { reason: string }).reason]).toEqual(['conflict', 'already_exists']);
    const missing = await expectAppError(createScorecard(db(), ctx, 'nope', { identifier: 'x', title: 'X', rules: [] }));
    expect(missing.code).toBe('not_found');
    const bad = await expectAppError(fresh(ctx, { rules: [rule('a', 'Gold'), rule('b', 'Gold', has('missing'))] }));
    expect([bad.code, (bad.details as { path: string }).path]).toEqual(['bad_request', 'rules[1].query.rules[0].property']);
    const reserved = await expectAppError(fresh(ctx, { identifier: 'preview' }));
    expect([reserved.code, reserved.details]).toEqual(['validation_failed', [expect.objectContaining({ path: '/identifier' })]]);
    expect(kicked).toHaveLength(1); // only the first scorecard was saved
  });
});

describe('reading', () => {
  it("lists a blueprint's scorecards by page and gets one with its version", async () => {
    const c = await adminOf();
    await createBlueprintService(db(), c, { id: 'service', title: 'Service', schema: SCHEMA });
    const made = [await fresh(c), await fresh(c), await fresh(c)].map((s) => s.view.identifier);
    const first = await listScorecards(db(), c, 'service', { limit: 2, cursor: null });
    const second = await listScorecards(db(), c, 'service', { limit: 2, cursor: first.next_cursor });
    expect([...first.scorecards, ...second.scorecards].map((s) => s.identifier)).toEqual(made);
    expect(second.next_cursor).toBeNull();
    const one = await getScorecard(db(), c, 'service', made[1]);
    expect([one.view.identifier, one.version]).toEqual([made[1], 1]);
  });
});

describe('updateScorecard', () => {
  it('bumps only the version for a title, description or colour change', async () => {
    const { view } = await fresh();
    kicked = [];
    const levels = view.levels.map((l, i) => (i === 2 ? { ...l, color: '#123456' } : l));
    const put = await updateScorecard(db(), ctx, 'service', view.identifier, {
      replace: true,
      input: { title: 'Renamed', description: 'new', levels, rules: view.rules },
    });
    expect([put.version, put.view.title, put.view.levels[2].color]).toEqual([2, 'Renamed', '#123456']);
    expect((await rowOf(view.identifier)).targetGeneration).toBe(1);
    expect(kicked).toEqual([]);
  });

  it.each([
    ['a rule', { rules: [{ identifier: 'owned', title: 'owned', level: 'Silver', query: has('owner') }] }],
    ['the filter', { filter: has('tier') }],
    [
      'a level name',
      {
        levels: [
          { name: 'Basic', color: '#000000' },
          { name: 'Bronze', color: '#000000' },
          { name: 'Platinum', color: '#000000' },
        ],
      },
    ],
    [
      'the rules order',
      { rules: [rule('b', 'Gold'), rule('owned', 'Bronze')], then: { rules: [rule('owned', 'Bronze'), rule('b', 'Gold')] } },
    ],
  ])('starts a new generation for a change of %s, kicked after commit', async (_what, patch) => {
    const { then, ...first } = patch as Record<string, unknown> & { then?: Record<string, unknown> };
    let { view } = await fresh();
    if (then) view = (await updateScorecard(db(), ctx, 'service', view.identifier, { replace: false, patch: first })).view;
    const before = await rowOf(view.identifier);
    await db().scorecard.update({
      where: { teamId_id: { teamId: ctx.team.id, id: before.id } },
      data: { recomputeDone: 5, recomputeTotal: 9 },
    });
    kicked = [];
    await updateScorecard(db(), ctx, 'service', view.identifier, { replace: false, patch: then ?? first });
    const after = await rowOf(view.identifier);
    expect([after.targetGeneration, after.recomputeDone, after.recomputeTotal]).toEqual([before.targetGeneration + 1, 0, 0]);
    expect(kicked).toEqual([
      { name: 'scorecard-recompute', data: { teamId: ctx.team.id, scorecardId: after.id, generation: after.targetGeneration } },
    ]);
  });

  it('merges a patch (null removes the filter), refuses a rename, and audits old and new', async () => {
    const { view } = await fresh(ctx, { filter: has('tier') });
    const patched = await updateScorecard(db(), ctx, 'service', view.identifier, {
      replace: false,
      patch: { filter: null, description: 'd' },
    });
    expect([patched.view.filter, patched.view.description, patched.view.rules]).toEqual([null, 'd', view.rules]);
    const rename = await expectAppError(
      updateScorecard(db(), ctx, 'service', view.identifier, { replace: false, patch: { identifier: 'other' } }),
    );
    expect([rename.code, rename.details]).toEqual(['validation_failed', [{ path: '/identifier', message: expect.any(String) }]]);
    const badPatch = await expectAppError(
      updateScorecard(db(), ctx, 'service', view.identifier, { replace: false, patch: { levels: [] } }),
    );
    expect([badPatch.code, (badPatch.details as Array<{ path: string }>)[0].path]).toEqual(['validation_failed', '/levels']);
    const row = await rowOf(view.identifier);
    const audit = await db().auditLog.findFirstOrThrow({ where: { teamId: ctx.team.id, entityId: row.id, action: 'scorecard.updated' } });
    expect(audit.oldData).toMatchObject({ filter: has('tier'), description: null });
    expect(audit.newData).toMatchObject({ filter: null, description: 'd', recompute: true });
  });

  it('refuses a stale If-Match with 409 stale_version and changes nothing', async () => {
    const { view } = await fresh();
    await updateScorecard(db(), ctx, 'service', view.identifier, { replace: false, patch: { title: 'v2' } }, { ifMatch: [1] });
    const stale = await expectAppError(
      updateScorecard(db(), ctx, 'service', view.identifier, { replace: false, patch: { title: 'v3' } }, { ifMatch: [1] }),
    );
    expect([stale.code, stale.details]).toEqual(['conflict', { reason: 'stale_version', version: 2 }]);
    const staleDelete = await expectAppError(deleteScorecard(db(), ctx, 'service', view.identifier, { ifMatch: [1] }));
    expect(staleDelete.code).toBe('conflict');
    expect((await getScorecard(db(), ctx, 'service', view.identifier)).view.title).toBe('v2');
  });
});

describe('deleteScorecard', () => {
  it('deletes the scorecard and its rules, with scorecard.deleted', async () => {
    const { view } = await fresh();
    const row = await rowOf(view.identifier);
    await deleteScorecard(db(), ctx, 'service', view.identifier, { ifMatch: [1] });
    expect((await expectAppError(getScorecard(db(), ctx, 'service', view.identifier))).code).toBe('not_found');
    expect(await db().scorecardRule.count({ where: { teamId: ctx.team.id, scorecardId: row.id } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { teamId: ctx.team.id, entityId: row.id, action: 'scorecard.deleted' } });
    expect(audit.oldData).toMatchObject({ identifier: view.identifier, rules: view.rules });
  });
});

describe('another team', () => {
  it("answers 404 for every route on another team's scorecard or blueprint, and changes nothing", async () => {
    const { view } = await fresh(otherCtx);
    const id = view.identifier;
    const calls = [
      () => getScorecard(db(), ctx, 'service', id),
      () => updateScorecard(db(), ctx, 'service', id, { replace: false, patch: { title: 'x' } }),
      () => updateScorecard(db(), ctx, 'service', id, { replace: true, input: { title: 'x', rules: [] } }),
      () => deleteScorecard(db(), ctx, 'service', id),
    ];
    for (const call of calls) expect((await expectAppError(call())).code).toBe('not_found');
    const otherOnly = await adminOf(); // a team without the blueprint at all
    for (const call of [
      () => listScorecards(db(), otherOnly, 'service', PAGE),
      () => getScorecard(db(), otherOnly, 'service', id),
      () => createScorecard(db(), otherOnly, 'service', { identifier: 'x', title: 'x', rules: [] }),
      () => deleteScorecard(db(), otherOnly, 'service', id),
    ])
      expect((await expectAppError(call())).code).toBe('not_found');
    expect((await listScorecards(db(), ctx, 'service', PAGE)).scorecards.map((s) => s.identifier)).not.toContain(id);
    expect((await getScorecard(db(), otherCtx, 'service', id)).view.title).toBe('Readiness');
  });
});

describe('blueprint changes', () => {
  async function world() {
    const c = await adminOf();
    await createBlueprintService(db(), c, {
      id: 'cluster',
      title: 'Cluster',
      schema: { type: 'object', properties: { region: { type: 'string' } } },
    });
    await createBlueprintService(db(), c, {
      id: 'service',
      title: 'Service',
      schema: SCHEMA,
      relations: { runs_on: { target: 'cluster' } },
    });
    const sc = await createScorecard(db(), c, 'service', {
      identifier: 'prod',
      title: 'Prod',
      filter: has('tier'),
      rules: [
        rule('owned', 'Bronze'),
        rule('eu', 'Gold', { combinator: 'and', rules: [{ property: 'runs_on.region', operator: '=', value: 'eu' }] }),
      ],
    });
    const row = await db().scorecard.findFirstOrThrow({ where: { teamId: c.team.id, identifier: 'prod' } });
    return { c, sc, row };
  }

  it('refuses a schema change that breaks a rule: 409 scorecard_impact naming it', async () => {
    const { c } = await world();
    const error = await expectAppError(
      updateBlueprint(db(), c, 'service', {
        replace: false,
        input: { schema: { type: 'object', properties: { tier: { type: 'string' } } } },
      }),
    );
    expect(error.code).toBe('conflict');
    expect(error.details).toEqual({
      reason: 'scorecard_impact',
      scorecards: [
        { scorecard: 'prod', blueprint: 'service', rule: 'owned', message: expect.stringContaining('rules[0].query.rules[0].property') },
      ],
    });
    expect((await db().blueprint.findUniqueOrThrow({ where: { teamId_id: { teamId: c.team.id, id: 'service' } } })).version).toBe(1);
  });

  it("refuses a relation removal and a target's schema change that break a rule through the relation", async () => {
    const { c } = await world();
    const removal = await expectAppError(updateBlueprint(db(), c, 'service', { replace: false, input: { relations: {} } }));
    expect((removal.details as { scorecards: Array<{ rule: string }> }).scorecards.map((s) => s.rule)).toEqual(['eu']);
    const target = await expectAppError(
      updateBlueprint(db(), c, 'cluster', {
        replace: false,
        input: { schema: { type: 'object', properties: { zone: { type: 'string' } } } },
      }),
    );
    expect(target.details).toMatchObject({
      reason: 'scorecard_impact',
      scorecards: [{ scorecard: 'prod', blueprint: 'service', rule: 'eu' }],
    });
  });

  it('refuses deleting a blueprint that a rule reaches through a relation or names in relatedTo', async () => {
    const { c } = await world();
    const through = await expectAppError(deleteBlueprint(db(), c, 'cluster'));
    expect(through.details).toMatchObject({ reason: 'scorecard_impact', scorecards: [{ scorecard: 'prod', rule: 'eu' }] });
    await createBlueprintService(db(), c, { id: 'team', title: 'Team', schema: { type: 'object', properties: {} } });
    const related = {
      combinator: 'and' as const,
      rules: [{ operator: 'relatedTo', blueprint: 'team', value: ['t1'], direction: 'upstream' }],
    };
    await createScorecard(db(), c, 'cluster', { identifier: 'owned', title: 'Owned', rules: [rule('team', 'Gold', related)] });
    const named = await expectAppError(deleteBlueprint(db(), c, 'team'));
    expect(named.details).toMatchObject({
      reason: 'scorecard_impact',
      scorecards: [{ scorecard: 'owned', blueprint: 'cluster', rule: 'team' }],
    });
    await deleteBlueprint(db(), c, 'service'); // its own scorecards go with it, and nothing else names it
    expect(await db().scorecard.count({ where: { teamId: c.team.id } })).toBe(1);
  });

  it('gives the scorecards a new generation for a change that breaks nothing, and none for a title change', async () => {
    const { c, row } = await world();
    kicked = [];
    await updateBlueprint(db(), c, 'service', { replace: false, input: { title: 'Services' } });
    expect((await db().scorecard.findUniqueOrThrow({ where: { teamId_id: { teamId: c.team.id, id: row.id } } })).targetGeneration).toBe(1);
    const wider = { type: 'object', properties: { ...SCHEMA.properties, lang: { type: 'string' } } };
    await updateBlueprint(db(), c, 'service', { replace: false, input: { schema: wider } });
    await updateBlueprint(db(), c, 'cluster', {
      replace: false,
      input: { schema: { type: 'object', properties: { region: { type: 'string' }, zone: { type: 'string' } } } },
    });
    const after = await db().scorecard.findUniqueOrThrow({ where: { teamId_id: { teamId: c.team.id, id: row.id } } });
    expect(after.targetGeneration).toBe(3);
    expect(kicked.map((k) => k.data)).toEqual([
      { teamId: c.team.id, scorecardId: row.id, generation: 2 },
      { teamId: c.team.id, scorecardId: row.id, generation: 3 },
    ]);
  });
});
