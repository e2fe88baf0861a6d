import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addMember,
  call,
  createBlueprint,
  createRole,
  createTeam,
  expectError,
  expectJson,
  newApiContext,
  register,
  type Session,
} from './support/api';
import { seedLiveScorecard } from './support/scorecard-results';

// Search and reads by scorecard through the real server (API.md "Search and reads by scorecard"):
// level rules compared by rank, rule results, the level sort paged to the end, include=scorecards
// on the three entity reads, and the refusals: unknown names (400 with the path), another team's
// scorecard (unknown here), a caller without scorecard:read (403).

type Entity = { identifier: string; scorecards?: Record<string, { level: string; rules: Record<string, boolean> }> };
type Page = { entities: Entity[]; next_cursor: string | null; total?: number };

const LEVELS = [
  { name: 'Basic', color: '#94a3b8' },
  { name: 'Bronze', color: '#b45309' },
  { name: 'Silver', color: '#64748b' },
  { name: 'Gold', color: '#ca8a04' },
];
const RULES = [
  { identifier: 'has-owner', title: 'Has an owner', level: 1 },
  { identifier: 'has-runbook', title: 'Has a runbook', level: 2 },
  { identifier: 'on-call', title: 'Has an on-call', level: 3 },
];
// svc-4 is outside the scorecard (no result): it matches no scorecard rule and sorts last.
const RESULTS = {
  'svc-0': { level: 3, passed: 0b111 },
  'svc-1': { level: 2, passed: 0b011 },
  'svc-2': { level: 1, passed: 0b101 },
  'svc-3': { level: 0, passed: 0b100 },
};

let api: APIRequestContext;
let admin: Session;
let base: string;
let otherBase: string;
let otherAdmin: Session;

const search = async (body: object, token = admin.token, at = base) =>
  expectJson<Page>(await call(api, 'POST', `${at}/entities/search`, { token, body }), 200, `search ${JSON.stringify(body)}`);
const ids = (page: Page) => page.entities.map((e) => e.identifier).sort();
const levelRule = (operator: string, value: unknown) => ({ query: { rules: [{ scorecard: 'prod', operator, value }] } });

test.beforeAll(async () => {
  api = await newApiContext();
  admin = await register(api, 'scorecard-search');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, {
    id: 'service',
    schema: { type: 'object', properties: { tier: { type: 'integer' } } },
  });
  base = `/teams/${team.slug}/blueprints/service`;
  const entities = Array.from({ length: 5 }, (_, i) => ({ identifier: `svc-${i}`, data: { tier: i % 2 } }));
  await expectJson(await call(api, 'POST', `${base}/entities/bulk`, { token: admin.token, body: { entities } }), 200, 'bulk');
  await seedLiveScorecard(team.id, 'service', {
    identifier: 'prod',
    title: 'Production readiness',
    levels: LEVELS,
    rules: RULES,
    results: RESULTS,
  });

  otherAdmin = await register(api, 'scorecard-search-other');
  const other = await createTeam(api, otherAdmin.token);
  await createBlueprint(api, otherAdmin.token, other.slug, { id: 'service' });
  otherBase = `/teams/${other.slug}/blueprints/service`;
  await expectJson(
    await call(api, 'POST', `${otherBase}/entities/bulk`, {
      token: otherAdmin.token,
      body: { entities: [{ identifier: 'secret', data: {} }] },
    }),
    200,
    'bulk',
  );
  await seedLiveScorecard(other.id, 'service', {
    identifier: 'hidden',
    title: 'Hidden',
    levels: LEVELS,
    rules: [],
    results: { secret: { level: 3, passed: 0 } },
  });
});

test.afterAll(async () => {
  await api.dispose();
});

test('level rules compare by rank and match scored entities only', async () => {
  expect(ids(await search(levelRule('=', 'Gold')))).toEqual(['svc-0']);
  expect(ids(await search(levelRule('!=', 'Gold')))).toEqual(['svc-1', 'svc-2', 'svc-3']);
  expect(ids(await search(levelRule('in', ['Bronze', 'Silver'])))).toEqual(['svc-1', 'svc-2']);
  expect(ids(await search(levelRule('>=', 'Silver')))).toEqual(['svc-0', 'svc-1']);
  const rule = { query: { rules: [{ scorecard: 'prod', rule: 'has-runbook', operator: '=', value: false }] } };
  expect(ids(await search(rule))).toEqual(['svc-2', 'svc-3']);
  expect((await search(levelRule('<=', 'Bronze'))).total).toBe(2);
});

test('sorting by level pages to the end, unscored entities last', async () => {
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await search({ sort: [{ property: '$scorecard.prod', order: 'desc' }], limit: 2, cursor });
    walked.push(...page.entities.map((e) => e.identifier));
    cursor = page.next_cursor;
  } while (cursor);
  expect(walked).toEqual(['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4']);
});

test('include=scorecards on GET one, the list and the search', async () => {
  const one = await expectJson<Entity>(
    await call(api, 'GET', `${base}/entities/svc-1?include=scorecards`, { token: admin.token }),
    200,
    'get',
  );
  expect(one.scorecards).toEqual({ prod: { level: 'Silver', rules: { 'has-owner': true, 'has-runbook': true, 'on-call': false } } });
  const list = await expectJson<Page>(
    await call(api, 'GET', `${base}/entities?include=related,scorecards`, { token: admin.token }),
    200,
    'list',
  );
  expect(new Map(list.entities.map((e) => [e.identifier, e.scorecards?.prod?.level ?? null]))).toEqual(
    new Map([
      ['svc-0', 'Gold'],
      ['svc-1', 'Silver'],
      ['svc-2', 'Bronze'],
      ['svc-3', 'Basic'],
      ['svc-4', null],
    ]),
  );
  const found = await expectJson<Page>(
    await call(api, 'POST', `${base}/entities/search?include=scorecards`, { token: admin.token, body: levelRule('=', 'Gold') }),
    200,
    'search with include',
  );
  expect(found.entities.map((e) => e.scorecards?.prod?.level)).toEqual(['Gold']);
  await expectError(await call(api, 'GET', `${base}/entities/svc-1?include=scores`, { token: admin.token }), 400, 'unknown include');
});

test("unknown names are 400s naming their place; another team's scorecard is unknown here", async () => {
  const bad = async (body: object, at = base, token = admin.token) =>
    (await expectError(await call(api, 'POST', `${at}/entities/search`, { token, body }), 400, JSON.stringify(body))).error.message;
  expect(await bad(levelRule('=', 'Platinum'))).toMatch(/^query\.rules\[0\]\.value:/);
  expect(await bad({ query: { rules: [{ scorecard: 'prod', rule: 'nope', operator: '=', value: true }] } })).toMatch(
    /^query\.rules\[0\]\.rule:/,
  );
  expect(await bad({ sort: [{ property: '$scorecard.nope' }] })).toMatch(/^sort\[0\]\.property:/);
  expect(await bad({ query: { rules: [{ scorecard: 'hidden', operator: '=', value: 'Gold' }] } })).toMatch(
    /^query\.rules\[0\]\.scorecard:/,
  );
  expect(await bad(levelRule('=', 'Gold'), otherBase, otherAdmin.token)).toMatch(/^query\.rules\[0\]\.scorecard:/);
  expect(
    ids(await search({ query: { rules: [{ scorecard: 'hidden', operator: '=', value: 'Gold' }] } }, otherAdmin.token, otherBase)),
  ).toEqual(['secret']);
});

test('a caller without scorecard:read cannot filter by or include scorecards', async () => {
  const team = base.split('/')[2];
  const role = await createRole(api, admin.token, team, ['blueprint:read', 'entity:read']);
  const reader = await register(api, 'entities-only');
  await addMember(api, admin.token, team, reader.email, role.name);
  await expectError(
    await call(api, 'POST', `${base}/entities/search`, { token: reader.token, body: levelRule('=', 'Gold') }),
    403,
    'search by level',
  );
  await expectError(await call(api, 'GET', `${base}/entities/svc-0?include=scorecards`, { token: reader.token }), 403, 'include');
  expect(ids(await search({ query: { rules: [{ property: 'tier', operator: '=', value: 1 }] } }, reader.token))).toEqual([
    'svc-1',
    'svc-3',
  ]);
});
