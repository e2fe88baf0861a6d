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
import {
  createComputedScorecard,
  expectedDistribution,
  expectedLevels,
  expectedWhere,
  type EntityData,
  type ScorecardBody,
} from './support/scorecards';

// Search and reads by scorecard through the real server (API.md "Search and reads by scorecard"):
// level rules compared by rank, rule results, the level sort paged to the end, include=scorecards
// on the three entity reads, and the refusals: unknown names (400 with the path), another team's
// scorecard (unknown here), a caller without scorecard:read (403).

type Entity = { identifier: string; scorecards?: Record<string, { level: string; rules: Record<string, boolean> }> };
type Page = { entities: Entity[]; next_cursor: string | null; total?: number };

const has = (property: string) => ({ rules: [{ property, operator: 'exists' as const }] });
// svc-4 passes every rule but is outside the scorecard's filter (a library): it has no level,
// matches no scorecard rule and sorts last.
const PROD: ScorecardBody = {
  identifier: 'prod',
  title: 'Production readiness',
  filter: { rules: [{ property: 'kind', operator: '=', value: 'service' }] },
  rules: [
    { identifier: 'has-owner', title: 'Has an owner', level: 'Bronze', query: has('owner') },
    { identifier: 'has-runbook', title: 'Has a runbook', level: 'Silver', query: has('runbook') },
    { identifier: 'on-call', title: 'Has an on-call', level: 'Gold', query: has('oncall') },
  ],
};
const ENTITIES: EntityData[] = [
  { identifier: 'svc-0', data: { tier: 0, kind: 'service', owner: 'ann', runbook: 'rb-0', oncall: 'ops' } },
  { identifier: 'svc-1', data: { tier: 1, kind: 'service', owner: 'bob', runbook: 'rb-1' } },
  { identifier: 'svc-2', data: { tier: 0, kind: 'service', owner: 'cyd', oncall: 'ops' } },
  { identifier: 'svc-3', data: { tier: 1, kind: 'service', oncall: 'ops' } },
  { identifier: 'svc-4', data: { tier: 0, kind: 'library', owner: 'dee', runbook: 'rb-4', oncall: 'ops' } },
];
const EXPECTED = expectedLevels(PROD, ENTITIES);
const RANKS = ['Basic', 'Bronze', 'Silver', 'Gold'];
const rank = (level: string) => RANKS.indexOf(level);
const where = (pick: (level: string) => boolean) => expectedWhere(PROD, ENTITIES, pick);

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
  test.setTimeout(120_000);
  api = await newApiContext();
  admin = await register(api, 'scorecard-search');
  const team = await createTeam(api, admin.token);
  const properties = Object.fromEntries(['kind', 'owner', 'runbook', 'oncall'].map((p) => [p, { type: 'string' }]));
  await createBlueprint(api, admin.token, team.slug, {
    id: 'service',
    schema: { type: 'object', properties: { tier: { type: 'integer' }, ...properties } },
  });
  base = `/teams/${team.slug}/blueprints/service`;
  await expectJson(await call(api, 'POST', `${base}/entities/bulk`, { token: admin.token, body: { entities: ENTITIES } }), 200, 'bulk');
  await createComputedScorecard(api, admin.token, base, PROD);

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
  // No rules: every level is reached, so `secret` is Gold.
  await createComputedScorecard(api, otherAdmin.token, otherBase, { identifier: 'hidden', title: 'Hidden', rules: [] });
});

test.afterAll(async () => {
  await api.dispose();
});

test('level rules compare by rank and match scored entities only', async () => {
  // The data spans every level, one entity outside the scorecard: the searches below could fail.
  expect(expectedDistribution(PROD, ENTITIES).map(([, n]) => n)).toEqual([1, 1, 1, 1]);
  expect(EXPECTED.get('svc-4')).toBeNull();
  expect(ids(await search(levelRule('=', 'Gold')))).toEqual(where((l) => l === 'Gold'));
  expect(ids(await search(levelRule('!=', 'Gold')))).toEqual(where((l) => l !== 'Gold'));
  expect(ids(await search(levelRule('in', ['Bronze', 'Silver'])))).toEqual(where((l) => l === 'Bronze' || l === 'Silver'));
  expect(ids(await search(levelRule('>=', 'Silver')))).toEqual(where((l) => rank(l) >= rank('Silver')));
  const rule = { query: { rules: [{ scorecard: 'prod', rule: 'has-runbook', operator: '=', value: false }] } };
  const noRunbook = [...EXPECTED].filter(([, e]) => e?.rules.get('has-runbook') === false).map(([id]) => id);
  expect(ids(await search(rule))).toEqual(noRunbook.sort());
  expect((await search(levelRule('<=', 'Bronze'))).total).toBe(where((l) => rank(l) <= rank('Bronze')).length);
});

test('sorting by level pages to the end, unscored entities last', async () => {
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await search({ sort: [{ property: '$scorecard.prod', order: 'desc' }], limit: 2, cursor });
    walked.push(...page.entities.map((e) => e.identifier));
    cursor = page.next_cursor;
  } while (cursor);
  const levelOf = (id: string) => EXPECTED.get(id)?.level;
  const scored = ENTITIES.map((e) => e.identifier).filter((id) => levelOf(id) !== undefined);
  const byLevel = scored.sort((a, b) => rank(levelOf(b) as string) - rank(levelOf(a) as string));
  expect(walked).toEqual([...byLevel, ...ENTITIES.map((e) => e.identifier).filter((id) => levelOf(id) === undefined)]);
});

test('include=scorecards on GET one, the list and the search', async () => {
  const one = await expectJson<Entity>(
    await call(api, 'GET', `${base}/entities/svc-1?include=scorecards`, { token: admin.token }),
    200,
    'get',
  );
  const svc1 = EXPECTED.get('svc-1');
  expect(one.scorecards).toEqual({ prod: { level: svc1?.level, rules: Object.fromEntries(svc1?.rules ?? []) } });
  const list = await expectJson<Page>(
    await call(api, 'GET', `${base}/entities?include=related,scorecards`, { token: admin.token }),
    200,
    'list',
  );
  expect(new Map(list.entities.map((e) => [e.identifier, e.scorecards?.prod?.level ?? null]))).toEqual(
    new Map([...EXPECTED].map(([id, e]) => [id, e?.level ?? null])),
  );
  const found = await expectJson<Page>(
    await call(api, 'POST', `${base}/entities/search?include=scorecards`, { token: admin.token, body: levelRule('=', 'Gold') }),
    200,
    'search with include',
  );
  expect(found.entities.map((e) => e.scorecards?.prod?.level)).toEqual(where((l) => l === 'Gold').map(() => 'Gold'));
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
