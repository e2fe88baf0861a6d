import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { fieldsOf } from '../lib/catalog-view/fields';
import { searchBody } from '../lib/catalog-view/search-body';
import { decodeView } from '../lib/catalog-view/view-state';
import { call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Relations in the catalog table: a "Related to…" rule built in the filter builder (direction,
// blueprint, entities picked by typing, hops), a rule on a property of the linked entities, and a
// relation column showing the linked entities' titles; each compared with the same search sent
// to the API, and kept across a reload (the view lives in the URL).

const CLUSTER = { type: 'object', properties: { region: { type: 'string', enum: ['eu', 'us'] } } };
const SERVICE = { type: 'object', properties: { tier: { type: 'integer' } } };
const RELATIONS = [
  { id: 'runs_on', title: 'Runs on', targetSchema: CLUSTER },
  { id: 'depends_on', title: 'Depends on', targetSchema: SERVICE },
];
const fields = fieldsOf(SERVICE, RELATIONS);

async function seed(request: APIRequestContext) {
  const admin = await register(request, 'catalog-rel');
  const team = await createTeam(request, admin.token);
  const t = admin.token;
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, t, team.slug, { id: 'cluster', title: 'Cluster', icon: '☸️', schema: CLUSTER });
  await createBlueprint(request, t, team.slug, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    schema: SERVICE,
    relations: {
      runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one' },
      depends_on: { title: 'Depends on', target: 'service' },
    },
  });
  const clusters = [
    { identifier: 'eu-1', title: 'EU one', data: { region: 'eu' } },
    { identifier: 'us-1', title: 'US one', data: { region: 'us' } },
  ];
  await expectJson(
    await call(request, 'POST', `${base}/cluster/entities/bulk`, { token: t, body: { entities: clusters } }),
    200,
    'clusters',
  );
  // web -> api -> db (depends_on), batch alone.
  for (const [identifier, title, relations] of [
    ['db', 'Orders database', { runs_on: 'eu-1' }],
    ['api', 'Public API', { runs_on: 'eu-1', depends_on: ['db'] }],
    ['web', 'Web shop', { runs_on: 'us-1', depends_on: ['api'] }],
    ['batch', 'Nightly batch', { runs_on: 'us-1' }],
  ] as const) {
    await expectJson(
      await call(request, 'POST', `${base}/service/entities`, { token: t, body: { identifier, title, data: { tier: 1 }, relations } }),
      201,
      identifier,
    );
  }
  return { admin, slug: team.slug };
}

async function shownRows(page: Page): Promise<string[]> {
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  return (
    await page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier') ?? ''))
  ).sort();
}

/** The rows the API returns for the view in the page's URL. Read it with expect.poll: the URL
 *  follows the view a moment after the table does (seen on a busy CI machine). */
async function apiRows(page: Page, request: APIRequestContext, token: string, slug: string): Promise<string[]> {
  const view = decodeView(new URL(page.url()).searchParams, fields);
  const res = await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/search`, { token, body: searchBody(view) });
  return (await expectJson<{ entities: Array<{ identifier: string }> }>(res, 200, 'search')).entities.map((e) => e.identifier).sort();
}

test('filter the catalog by relatedTo and through a relation, and show a relation column, as the API answers', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const { admin, slug } = await seed(request);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${slug}/blueprints/service`);
  await expect(page.getByTestId('catalog-total')).toHaveText('4 entities');

  // "Depends on service db" within 1 hop, then 2.
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('@relatedTo');
  await expect(page.getByLabel('Rule 1 operator')).toHaveCount(0);
  await page.getByLabel('Rule 1 value direction').selectOption('downstream');
  await page.getByLabel('Rule 1 value blueprint').selectOption('service');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('Pick a blueprint and at least one entity')).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Rule 1 value entities' });
  await picker.fill('orders');
  await expect(page.getByRole('listbox', { name: 'services' }).getByRole('option')).toHaveCount(1);
  await picker.press('Enter');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => shownRows(page)).toEqual(['api']);
  await expect.poll(() => apiRows(page, request, admin.token, slug)).toEqual(['api']);
  await expect(page.getByText('Depends on service db', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Rule 1 value hops').selectOption('2');
  await page.screenshot({ path: 'test-results/screenshots/catalog-related-to.png' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => shownRows(page)).toEqual(['api', 'web']);
  await expect.poll(() => apiRows(page, request, admin.token, slug)).toEqual(['api', 'web']);
  // The other way: what web depends on, within 2 hops.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Rule 1 value direction').selectOption('upstream');
  await page.getByRole('button', { name: 'Remove db' }).click();
  await page.getByRole('combobox', { name: 'Rule 1 value entities' }).fill('web shop');
  await expect(page.getByRole('listbox', { name: 'services' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Rule 1 value entities' }).press('Enter');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => shownRows(page)).toEqual(['api', 'db']);
  await expect.poll(() => apiRows(page, request, admin.token, slug)).toEqual(['api', 'db']);
  await page.reload();
  await expect.poll(() => shownRows(page)).toEqual(['api', 'db']);

  // A property of the linked cluster: "Runs on › Region is us".
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect.poll(() => shownRows(page)).toEqual(['api', 'batch', 'db', 'web']);
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('runs_on.region');
  await page.getByLabel('Rule 1 operator').selectOption('=');
  await page.getByLabel('Rule 1 value').selectOption('us');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect.poll(() => shownRows(page)).toEqual(['batch', 'web']);
  await expect.poll(() => apiRows(page, request, admin.token, slug)).toEqual(['batch', 'web']);

  // The relation columns: the linked entities' titles, each a link.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('button', { name: 'Columns' }).click();
  const columns = page.getByRole('group', { name: 'Columns' });
  await columns.getByRole('checkbox', { name: 'Runs on', exact: true }).click(); // it moves to the shown list: check() would look for it in place
  await expect(page.getByRole('columnheader', { name: 'Runs on' })).toBeVisible();
  await columns.getByRole('checkbox', { name: 'Depends on', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Depends on' })).toBeVisible();
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  const web = page.locator('tbody tr[data-identifier="web"]');
  await expect(web.getByRole('link', { name: 'US one' })).toHaveAttribute('href', `/t/${slug}/blueprints/cluster/entities/us-1`);
  await expect(web.getByRole('link', { name: 'Public API' })).toHaveAttribute('href', `/t/${slug}/blueprints/service/entities/api`);
  await expect(page.getByRole('columnheader', { name: 'Runs on' })).not.toHaveAttribute('aria-sort');
  await page.screenshot({ path: 'test-results/screenshots/catalog-relations.png' });
});
