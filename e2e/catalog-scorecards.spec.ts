import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { fieldsOf } from '../lib/catalog-view/fields';
import type { ScorecardFieldInfo } from '../lib/catalog-view/scorecard-fields';
import { searchBody } from '../lib/catalog-view/search-body';
import { decodeView, DEFAULT_VIEW, viewHref } from '../lib/catalog-view/view-state';
import { call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { seedLiveScorecard } from './support/scorecard-results';
import { signIn } from './support/ui';

// The catalog by scorecard in the browser: the level as a column (a badge in the level's colour),
// a level filter built with the builder, a sort by the level header, and a link into the catalog
// filtered to one level (what the dashboard's numbers link to); at each step the rows shown are
// the rows the API returns for the view in the URL.

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer', title: 'Tier' } } };
const PROD: ScorecardFieldInfo = {
  identifier: 'prod',
  title: 'Production readiness',
  levels: [
    { name: 'Basic', color: '#94a3b8' },
    { name: 'Bronze', color: '#b45309' },
    { name: 'Silver', color: '#64748b' },
    { name: 'Gold', color: '#ca8a04' },
  ],
  rules: [{ identifier: 'has-owner', title: 'Has an owner' }],
};
const ENTITIES = Array.from({ length: 12 }, (_, i) => ({ identifier: `svc-${String(i).padStart(2, '0')}`, data: { tier: i % 3 } }));
// Ten scored entities, level i % 4; the last two are outside the scorecard.
const RESULTS = Object.fromEntries(ENTITIES.slice(0, 10).map((e, i) => [e.identifier, { level: i % 4, passed: i % 4 > 0 ? 1 : 0 }]));
const fields = fieldsOf(SCHEMA, [], [PROD]);

async function shownRows(page: Page): Promise<string[]> {
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  return page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier') ?? ''));
}

async function expectSameAsApi(page: Page, request: APIRequestContext, token: string, slug: string, what: string): Promise<string[]> {
  const view = decodeView(new URL(page.url()).searchParams, fields);
  const res = await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/search`, { token, body: searchBody(view) });
  const api = (await expectJson<{ entities: Array<{ identifier: string }> }>(res, 200, what)).entities.map((e) => e.identifier);
  await expect.poll(() => shownRows(page), { message: `${what}: rows shown vs the API` }).toEqual(api);
  return api;
}

test('a scorecard level as a column, a filter and a sort, and a link filtered to one level', async ({ page, request }) => {
  test.setTimeout(90_000);
  const admin = await register(request, 'catalog-scorecards');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', schema: SCHEMA });
  const bulk = await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, {
    token: admin.token,
    body: { entities: ENTITIES },
  });
  await expectJson(bulk, 200, 'bulk upsert');
  await seedLiveScorecard(team.id, 'service', { ...PROD, rules: [{ ...PROD.rules[0], level: 1 }], results: RESULTS });

  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.getByTestId('catalog-total')).toHaveText('12 entities');

  // The level as a column: each scored row shows its level's badge, the others a dash.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Production readiness' }).check();
  await page.keyboard.press('Escape');
  const header = page.getByRole('columnheader', { name: /Production readiness/ });
  await expect(header).toBeVisible();
  await expect(page.locator('tr[data-identifier="svc-03"] [data-level]')).toHaveText('Gold');
  await expect(page.locator('tr[data-identifier="svc-03"] [data-level]')).toHaveCSS('border-top-color', 'rgb(202, 138, 4)');
  await expect(page.locator('tr[data-identifier="svc-11"] [data-level]')).toHaveCount(0);

  // A level filter through the builder: at least Silver (ranks 2 and 3: four entities).
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('$scorecard.prod');
  await page.getByLabel('Rule 1 operator').selectOption('>=');
  await page.getByLabel('Rule 1 value').selectOption('Silver');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('4 entities match');
  const filtered = await expectSameAsApi(page, request, admin.token, team.slug, 'at least Silver');
  expect([...filtered].sort()).toEqual(['svc-02', 'svc-03', 'svc-06', 'svc-07']);

  // Sort by the level header: ascending, then descending.
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const sorted = await expectSameAsApi(page, request, admin.token, team.slug, 'sorted by level');
  expect(sorted.slice(0, 2).every((id) => RESULTS[id].level === 3)).toBe(true);

  // A link into the catalog filtered to exactly the Gold entities.
  const gold = { combinator: 'and' as const, rules: [{ property: '$scorecard.prod', operator: '=' as const, value: 'Gold' }] };
  await page.goto(viewHref(`/t/${team.slug}/blueprints/service`, { ...DEFAULT_VIEW, query: gold }));
  await expect(page.getByTestId('catalog-total')).toHaveText('2 entities match');
  expect((await expectSameAsApi(page, request, admin.token, team.slug, 'Gold link')).sort()).toEqual(['svc-03', 'svc-07']);
});
