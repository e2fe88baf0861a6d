import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { fieldsOf } from '../lib/catalog-view/fields';
import type { ScorecardFieldInfo } from '../lib/catalog-view/scorecard-fields';
import { searchBody } from '../lib/catalog-view/search-body';
import { decodeView, DEFAULT_VIEW, viewHref } from '../lib/catalog-view/view-state';
import { call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { createComputedScorecard, expectedLevels, expectedWhere, type ScorecardBody } from './support/scorecards';
import { signIn } from './support/ui';

// The catalog by scorecard in the browser: the level as a column (a badge in the level's colour),
// a level filter built with the builder, a sort by the level header, and a link into the catalog
// filtered to one level (what the dashboard's numbers link to); at each step the rows shown are
// the rows the API returns for the view in the URL.

const SCHEMA = {
  type: 'object',
  properties: {
    tier: { type: 'integer', title: 'Tier' },
    kind: { type: 'string' },
    owner: { type: 'string' },
    runbook: { type: 'string' },
    oncall: { type: 'string' },
  },
};
const LEVELS = [
  { name: 'Basic', color: '#94a3b8' },
  { name: 'Bronze', color: '#b45309' },
  { name: 'Silver', color: '#64748b' },
  { name: 'Gold', color: '#ca8a04' },
];
const has = (property: string) => ({ rules: [{ property, operator: 'exists' as const }] });
const BODY: ScorecardBody = {
  identifier: 'prod',
  title: 'Production readiness',
  levels: LEVELS,
  filter: { rules: [{ property: 'kind', operator: '=', value: 'service' }] },
  rules: [
    { identifier: 'has-owner', title: 'Has an owner', level: 'Bronze', query: has('owner') },
    { identifier: 'has-runbook', title: 'Has a runbook', level: 'Silver', query: has('runbook') },
    { identifier: 'on-call', title: 'Has an on-call', level: 'Gold', query: has('oncall') },
  ],
};
// What the catalog page loads for it (lib/scorecards/list-scorecard-fields.ts).
const PROD: ScorecardFieldInfo = {
  identifier: BODY.identifier,
  title: BODY.title,
  levels: LEVELS,
  rules: BODY.rules.map((r) => ({ identifier: r.identifier, title: r.title })),
};
// Ten services whose data reaches level i % 4 (each level's rules and those below); the last
// two are libraries, outside the scorecard's filter.
const reaches = (rank: number) => ({
  ...(rank >= 1 ? { owner: 'team-a' } : {}),
  ...(rank >= 2 ? { runbook: 'rb' } : {}),
  ...(rank >= 3 ? { oncall: 'ops' } : {}),
});
const ENTITIES = Array.from({ length: 12 }, (_, i) => ({
  identifier: `svc-${String(i).padStart(2, '0')}`,
  data: { tier: i % 3, kind: i < 10 ? 'service' : 'library', ...reaches(i % 4) },
}));
const EXPECTED = expectedLevels(BODY, ENTITIES);
const where = (pick: (level: string) => boolean) => expectedWhere(BODY, ENTITIES, pick);
const fields = fieldsOf(SCHEMA, [], [PROD]);

async function shownRows(page: Page): Promise<string[]> {
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  return page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier') ?? ''));
}

async function apiRows(page: Page, request: APIRequestContext, token: string, slug: string, what: string): Promise<string[]> {
  const view = decodeView(new URL(page.url()).searchParams, fields);
  const res = await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/search`, { token, body: searchBody(view) });
  return (await expectJson<{ entities: Array<{ identifier: string }> }>(res, 200, what)).entities.map((e) => e.identifier);
}

/** The rows shown equal the API's for the view in the URL. Both are read again until they agree:
 *  the URL follows the view a moment after the table does (seen on a busy CI machine). */
async function expectSameAsApi(page: Page, request: APIRequestContext, token: string, slug: string, what: string): Promise<string[]> {
  let api: string[] = [];
  await expect
    .poll(
      async () => {
        const shown = await shownRows(page);
        api = await apiRows(page, request, token, slug, what);
        return JSON.stringify(shown) === JSON.stringify(api) ? 'same' : `shown ${shown.join(',')} but the API ${api.join(',')}`;
      },
      { message: `${what}: rows shown vs the API` },
    )
    .toBe('same');
  return api;
}

test('a scorecard level as a column, a filter and a sort, and a link filtered to one level', async ({ page, request }) => {
  test.setTimeout(150_000);
  const admin = await register(request, 'catalog-scorecards');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', schema: SCHEMA });
  const bulk = await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, {
    token: admin.token,
    body: { entities: ENTITIES },
  });
  await expectJson(bulk, 200, 'bulk upsert');
  await createComputedScorecard(request, admin.token, `/teams/${team.slug}/blueprints/service`, BODY);

  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.getByTestId('catalog-total')).toHaveText('12 entities');

  // The level as a column: each scored row shows its level's badge, the others a dash.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Production readiness' }).check();
  await page.keyboard.press('Escape');
  const header = page.getByRole('columnheader', { name: /Production readiness/ });
  await expect(header).toBeVisible();
  expect(EXPECTED.get('svc-03')?.level).toBe('Gold');
  await expect(page.locator('tr[data-identifier="svc-03"] [data-level]')).toHaveText('Gold');
  await expect(page.locator('tr[data-identifier="svc-03"] [data-level]')).toHaveCSS('border-top-color', 'rgb(202, 138, 4)');
  expect(EXPECTED.get('svc-11')).toBeNull();
  await expect(page.locator('tr[data-identifier="svc-11"] [data-level]')).toHaveCount(0);

  // A level filter through the builder: at least Silver (ranks 2 and 3).
  const atLeastSilver = where((l) => l === 'Silver' || l === 'Gold');
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('$scorecard.prod');
  await page.getByLabel('Rule 1 operator').selectOption('>=');
  await page.getByLabel('Rule 1 value').selectOption('Silver');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText(`${atLeastSilver.length} entities match`);
  const filtered = await expectSameAsApi(page, request, admin.token, team.slug, 'at least Silver');
  expect([...filtered].sort()).toEqual(atLeastSilver);

  // Sort by the level header: ascending, then descending.
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const sorted = await expectSameAsApi(page, request, admin.token, team.slug, 'sorted by level');
  const gold = where((l) => l === 'Gold');
  expect([...sorted.slice(0, gold.length)].sort()).toEqual(gold);

  // A link into the catalog filtered to exactly the Gold entities.
  const goldQuery = { combinator: 'and' as const, rules: [{ property: '$scorecard.prod', operator: '=' as const, value: 'Gold' }] };
  await page.goto(viewHref(`/t/${team.slug}/blueprints/service`, { ...DEFAULT_VIEW, query: goldQuery }));
  await expect(page.getByTestId('catalog-total')).toHaveText(`${gold.length} entities match`);
  expect((await expectSameAsApi(page, request, admin.token, team.slug, 'Gold link')).sort()).toEqual(gold);
});
