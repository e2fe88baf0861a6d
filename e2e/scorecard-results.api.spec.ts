import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, register, type Method } from './support/api';
import { expectedDistribution, expectedLevels, waitForComputed, type EntityData, type ScorecardBody } from './support/scorecards';

// A scorecard's results over HTTP (docs/API.md "Scorecard results"): the preview of a draft (the
// evaluator's numbers, nothing stored), the summary, history and trend of a scorecard before its
// first computation, then after it (the server's own job queue computes it): the distribution the
// data implies, an entity write rescored at once, its history with the cause, a definition change
// recomputed in the background and flipped, the trend's today; a query fault's path, and every
// route's 404 for another team's blueprint and scorecard.

type Distribution = {
  total: number;
  levels: Array<{ name: string; color: string; count: number }>;
  rules: Array<{ identifier: string; level: string; passed: number; failed: number }>;
};
type Summary = Distribution & { computed_at: string | null; recomputing: boolean };
type Change = { entity: string; from: string | null; to: string | null; at: string; cause: string };
type Entity = { identifier: string; scorecards?: Record<string, { level: string }> };

const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, oncall: { type: 'string' } } };
const RULES: ScorecardBody['rules'] = [
  { identifier: 'owned', title: 'Has an owner', level: 'Bronze', query: { rules: [{ property: 'owner', operator: 'exists' }] } },
  { identifier: 'oncall', title: 'Has an on-call', level: 'Silver', query: { rules: [{ property: 'oncall', operator: 'exists' }] } },
];

const PROD: ScorecardBody = { identifier: 'prod', title: 'Production readiness', rules: RULES };
const ENTITIES: EntityData[] = [{ owner: 'a', oncall: 'x' }, { owner: 'b' }, {}, { oncall: 'y' }].map((data, i) => ({
  identifier: `s${i}`,
  data,
}));

async function world(api: APIRequestContext) {
  const admin = await register(api, 'sc');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  const base = `/teams/${team.slug}/blueprints/service`;
  const as = (method: Method, path: string, body?: unknown) => call(api, method, `${base}${path}`, { token: admin.token, body });
  const bulk = await as('POST', '/entities/bulk', { entities: ENTITIES });
  expect(bulk.status()).toBeLessThan(300);
  const created = await expectJson<{ computed_at: string | null; recomputing: boolean }>(
    await as('POST', '/scorecards', PROD),
    201,
    'create the scorecard',
  );
  return { admin, team, base, as, created };
}

test('preview: a draft evaluated over the blueprint now, a bad rule refused with its path', async ({ request }) => {
  const { as } = await world(request);
  const preview = await expectJson<Distribution>(await as('POST', '/scorecards/preview', { rules: RULES }), 200, 'preview');
  expect(preview.total).toBe(4);
  expect(preview.levels.map((l) => [l.name, l.count])).toEqual([
    ['Basic', 2],
    ['Bronze', 1],
    ['Silver', 0],
    ['Gold', 1],
  ]);
  expect(preview.rules).toEqual([
    { identifier: 'owned', level: 'Bronze', passed: 2, failed: 2 },
    { identifier: 'oncall', level: 'Silver', passed: 2, failed: 2 },
  ]);
  const filtered = await expectJson<Distribution>(
    await as('POST', '/scorecards/preview', { filter: { rules: [{ property: 'owner', operator: 'exists' }] }, rules: RULES }),
    200,
    'preview with a filter',
  );
  expect(filtered.total).toBe(2);
  const bad = await expectError(
    await as('POST', '/scorecards/preview', {
      rules: [{ ...RULES[0], query: { rules: [{ property: 'owner', operator: '>', value: 1 }] } }],
    }),
    400,
    'a rule of the wrong type',
  );
  expect(JSON.stringify(bad.error)).toContain('rules[0].query.rules[0]');
});

test('summary, history and trend around the first computation; a bad query or days is a 400', async ({ request }) => {
  const { as, created } = await world(request);
  expect([created.recomputing, created.computed_at]).toEqual([true, null]);
  // The server's queue computes it at any moment: each read is in one state or the other, whole.
  const summary = await expectJson<Summary>(await as('GET', '/scorecards/prod/summary'), 200, 'summary');
  const zeros = {
    total: 0,
    levels: expectedDistribution(PROD, []),
    rules: RULES.map((r) => ({ identifier: r.identifier, level: r.level, passed: 0, failed: 0 })),
  };
  if (summary.computed_at === null) {
    expect(summary.recomputing).toBe(true);
    expect(shapeOf(summary)).toEqual(zeros);
  } else expect(shapeOf(summary)).toEqual(expectedSummary(PROD, ENTITIES));
  const query = encodeURIComponent(JSON.stringify({ rules: [{ property: 'owner', operator: '=', value: 'a' }] }));
  expect((await as('GET', `/scorecards/prod/summary?query=${query}`)).status()).toBe(200);
  const badQuery = encodeURIComponent(JSON.stringify({ rules: [{ property: 'owner', operator: '>', value: 1 }] }));
  await expectError(await as('GET', `/scorecards/prod/summary?query=${badQuery}`), 400, 'a query of the wrong type');
  const history = await expectJson<{ changes: Change[]; next_cursor: string | null }>(
    await as('GET', '/scorecards/prod/history?entity=s0&limit=5'),
    200,
    'history',
  );
  expect(history.next_cursor).toBeNull();
  const entered = { entity: 's0', from: null, to: expectedLevels(PROD, ENTITIES).get('s0')?.level, cause: 'scorecard_changed' };
  expect(history.changes.map(({ entity, from, to, cause }) => ({ entity, from, to, cause }))).toEqual(
    history.changes.length === 0 ? [] : [entered],
  );
  const trend = await expectJson<{ days: Array<{ date: string; levels: Array<{ name: string; count: number }> }> }>(
    await as('GET', '/scorecards/prod/trend?days=7'),
    200,
    'trend',
  );
  expect(trend.days).toHaveLength(7);
  expect(trend.days[6].date).toBe(new Date().toISOString().slice(0, 10));
  await expectError(await as('GET', '/scorecards/prod/trend?days=400'), 400, 'days out of range');
});

/** The summary's distribution and rule counts as the oracle works them out from the data. */
function expectedSummary(body: ScorecardBody, entities: EntityData[]) {
  const expected = [...expectedLevels(body, entities).values()].filter((e) => e !== null);
  const rules = body.rules.map((r) => {
    const passed = expected.filter((e) => e.rules.get(r.identifier)).length;
    return { identifier: r.identifier, level: r.level, passed, failed: expected.length - passed };
  });
  return { total: expected.length, levels: expectedDistribution(body, entities), rules };
}
const shapeOf = (d: Distribution) => ({ total: d.total, levels: d.levels.map((l): [string, number] => [l.name, l.count]), rules: d.rules });

test('after the first computation: the summary, a write rescored at once, its history, a definition change, the trend', async ({
  request,
}) => {
  test.setTimeout(150_000);
  const { admin, base, as } = await world(request);
  const summaryNow = async () => expectJson<Summary>(await as('GET', '/scorecards/prod/summary'), 200, 'summary');
  const historyOf = async (entity: string) =>
    (await expectJson<{ changes: Change[] }>(await as('GET', `/scorecards/prod/history?entity=${entity}`), 200, `history ${entity}`))
      .changes;
  const levelOf = async (entity: string) =>
    (await expectJson<Entity>(await as('GET', `/entities/${entity}?include=scorecards`), 200, `GET ${entity}`)).scorecards?.prod?.level;

  // The first computation, by the server's job queue: the distribution the data implies.
  const computed = await waitForComputed(request, admin.token, `${base}/scorecards/prod`);
  const before = await summaryNow();
  expect(shapeOf(before)).toEqual(expectedSummary(PROD, ENTITIES));
  expect(before.recomputing).toBe(false);
  expect(before.computed_at).toBe(computed.computed_at);
  expect(await historyOf('s2')).toMatchObject([{ entity: 's2', from: null, to: 'Basic', cause: 'scorecard_changed' }]);

  // An entity write moves its level in its own transaction: read right after the write.
  const patched = await as('PATCH', '/entities/s2', { data: { owner: 'c' } });
  expect(patched.status(), await patched.text()).toBe(200);
  const written = ENTITIES.map((e) => (e.identifier === 's2' ? { ...e, data: { ...e.data, owner: 'c' } } : e));
  const moved = expectedLevels(PROD, written).get('s2')?.level;
  expect(moved, 'the write changes the expected level').not.toBe('Basic');
  expect(await levelOf('s2')).toBe(moved);
  const afterWrite = await summaryNow();
  expect(shapeOf(afterWrite)).toEqual(expectedSummary(PROD, written));
  const [change] = await historyOf('s2');
  expect(change).toMatchObject({ entity: 's2', from: 'Basic', to: moved, cause: 'entity_updated' });

  // A definition change (the on-call rule moves up to Gold) is recomputed in the background.
  const changed: ScorecardBody = { ...PROD, rules: RULES.map((r) => (r.identifier === 'oncall' ? { ...r, level: 'Gold' } : r)) };
  const put = await expectJson<{ recomputing: boolean }>(await as('PUT', '/scorecards/prod', changed), 200, 'PUT a rule');
  expect(put.recomputing).toBe(true);
  const next = expectedSummary(changed, written);
  expect(next.levels, 'the new rules change the distribution').not.toEqual(afterWrite.levels.map((l) => [l.name, l.count]));
  // Until the flip, reads serve the previous results; after it, the new ones: never a mix.
  const during = await summaryNow();
  expect(shapeOf(during)).toEqual(during.recomputing ? shapeOf(afterWrite) : next);
  await waitForComputed(request, admin.token, `${base}/scorecards/prod`);
  const after = await summaryNow();
  expect(shapeOf(after)).toEqual(next);
  expect(after.recomputing).toBe(false);
  expect(Date.parse(after.computed_at ?? '')).toBeGreaterThan(Date.parse(afterWrite.computed_at ?? ''));
  const flipped = [...expectedLevels(changed, written)].find(([id, e]) => e?.level !== expectedLevels(PROD, written).get(id)?.level);
  expect(flipped, 'some entity changes level with the definition').toBeDefined();
  const [id, expected] = flipped as [string, { level: string }];
  expect(await levelOf(id)).toBe(expected.level);
  expect((await historyOf(id))[0]).toMatchObject({ entity: id, to: expected.level, cause: 'scorecard_changed' });

  // The trend's last day is today, and it holds what the summary holds.
  const trend = await expectJson<{ days: Array<{ date: string; levels: Array<{ name: string; count: number }> }> }>(
    await as('GET', '/scorecards/prod/trend?days=7'),
    200,
    'trend',
  );
  const today = trend.days[trend.days.length - 1];
  expect(today.date).toBe(new Date().toISOString().slice(0, 10));
  expect(today.levels.map((l) => [l.name, l.count])).toEqual(next.levels);
});

test("every results route answers 404 for another team's blueprint and scorecard", async ({ request }) => {
  const mine = await world(request);
  const theirs = await world(request);
  const other = `/teams/${theirs.team.slug}/blueprints/service`;
  for (const path of ['/scorecards/prod/summary', '/scorecards/prod/history', '/scorecards/prod/trend']) {
    await expectError(await call(request, 'GET', `${other}${path}`, { token: mine.admin.token }), 404, `their ${path}`);
    await expectError(await mine.as('GET', path.replace('prod', 'nope')), 404, `a missing scorecard: ${path}`);
  }
  await expectError(
    await call(request, 'POST', `${other}/scorecards/preview`, { token: mine.admin.token, body: { rules: RULES } }),
    404,
    'their preview',
  );
});
