import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, register } from './support/api';

// A scorecard's results over HTTP (docs/API.md "Scorecard results"): the preview of a draft (the
// evaluator's numbers, nothing stored), the summary, history and trend of a scorecard before its
// first computation (no job queue runs in this server: the numbers after a recompute and after
// writes are held by lib/scorecards/evaluate/*.int.test.ts), a query fault's path, and every
// route's 404 for another team's blueprint and scorecard.

type Distribution = {
  total: number;
  levels: Array<{ name: string; color: string; count: number }>;
  rules: Array<{ identifier: string; level: string; passed: number; failed: number }>;
};
type Summary = Distribution & { computed_at: string | null; recomputing: boolean };

const SCHEMA = { type: 'object', properties: { owner: { type: 'string' }, oncall: { type: 'string' } } };
const RULES = [
  { identifier: 'owned', title: 'Has an owner', level: 'Bronze', query: { rules: [{ property: 'owner', operator: 'exists' }] } },
  { identifier: 'oncall', title: 'Has an on-call', level: 'Silver', query: { rules: [{ property: 'oncall', operator: 'exists' }] } },
];

async function world(api: APIRequestContext) {
  const admin = await register(api, 'sc');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  const base = `/teams/${team.slug}/blueprints/service`;
  const as = (method: 'GET' | 'POST', path: string, body?: unknown) => call(api, method, `${base}${path}`, { token: admin.token, body });
  const entities = [{ owner: 'a', oncall: 'x' }, { owner: 'b' }, {}, { oncall: 'y' }];
  const bulk = await as('POST', '/entities/bulk', { entities: entities.map((data, i) => ({ identifier: `s${i}`, data })) });
  expect(bulk.status()).toBeLessThan(300);
  const created = await as('POST', '/scorecards', { identifier: 'prod', title: 'Production readiness', rules: RULES });
  expect(created.status()).toBe(201);
  return { admin, team, as };
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

test('summary, history and trend of a scorecard not computed yet; a bad query or days is a 400', async ({ request }) => {
  const { as } = await world(request);
  const summary = await expectJson<Summary>(await as('GET', '/scorecards/prod/summary'), 200, 'summary');
  expect([summary.total, summary.recomputing, summary.computed_at]).toEqual([0, true, null]);
  expect(summary.rules.map((r) => r.identifier)).toEqual(['owned', 'oncall']);
  const query = encodeURIComponent(JSON.stringify({ rules: [{ property: 'owner', operator: '=', value: 'a' }] }));
  expect((await as('GET', `/scorecards/prod/summary?query=${query}`)).status()).toBe(200);
  const badQuery = encodeURIComponent(JSON.stringify({ rules: [{ property: 'owner', operator: '>', value: 1 }] }));
  await expectError(await as('GET', `/scorecards/prod/summary?query=${badQuery}`), 400, 'a query of the wrong type');
  const history = await expectJson<{ changes: unknown[]; next_cursor: string | null }>(
    await as('GET', '/scorecards/prod/history?entity=s0&limit=5'),
    200,
    'history',
  );
  expect(history).toEqual({ changes: [], next_cursor: null });
  const trend = await expectJson<{ days: Array<{ date: string; levels: Array<{ name: string; count: number }> }> }>(
    await as('GET', '/scorecards/prod/trend?days=7'),
    200,
    'trend',
  );
  expect(trend.days).toHaveLength(7);
  expect(trend.days[6].date).toBe(new Date().toISOString().slice(0, 10));
  await expectError(await as('GET', '/scorecards/prod/trend?days=400'), 400, 'days out of range');
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
