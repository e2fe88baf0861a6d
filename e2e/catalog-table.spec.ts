import { expect, test, type Page } from '@playwright/test';
import { fieldsOf } from '../lib/catalog-view/fields';
import { searchBody } from '../lib/catalog-view/search-body';
import { decodeView } from '../lib/catalog-view/view-state';
import { call, createBlueprint, createTeam, expectJson, register, type Session } from './support/api';
import { signIn } from './support/ui';

// The catalog table in the browser: a filter built with the builder, a sort by a data column, a
// facet click, the search box, Next / Previous, a reload from the URL, and at each step the rows
// shown compared with the same search sent to the API. Then the Ctrl+K quick search.

const SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['active', 'deprecated', 'retired'], title: 'Status' },
    tier: { type: 'integer', title: 'Tier' },
    language: { type: 'string', title: 'Language' },
    public: { type: 'boolean', title: 'Public' },
    version: { type: 'string', format: 'semver', title: 'Version' },
    tags: { type: 'array', items: { type: 'string' }, title: 'Tags' },
  },
};

const pad = (i: number) => String(i).padStart(3, '0');
const ENTITIES = Array.from({ length: 120 }, (_, i) => ({
  identifier: `svc-${pad(i)}`,
  title: `${['Payments', 'Checkout', 'Search', 'Ledger', 'Mailer'][i % 5]} service ${i}`,
  data: {
    status: ['active', 'active', 'deprecated', 'retired'][i % 4],
    tier: (i % 3) + 1,
    language: ['go', 'java', 'python', 'rust'][i % 4 === 3 ? 3 : i % 3],
    version: `1.${i % 12}.${i % 5}`,
    public: i % 2 === 0,
    tags: i % 5 === 0 ? ['pci', 'critical'] : ['internal'],
  },
}));

const fields = fieldsOf(SCHEMA);

async function seed(request: Parameters<typeof register>[0]): Promise<{ admin: Session; slug: string }> {
  const admin = await register(request, 'catalog');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', icon: '⚙️', schema: SCHEMA });
  const bulk = await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, {
    token: admin.token,
    body: { entities: ENTITIES },
  });
  await expectJson(bulk, 200, 'bulk upsert of 120 entities');
  return { admin, slug: team.slug };
}

/** The identifiers the table shows, once it is no longer loading. */
async function shownRows(page: Page): Promise<string[]> {
  const table = page.getByRole('table');
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  return page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier') ?? ''));
}

/** The same search, sent to the API with the view the URL holds. */
async function apiRows(page: Page, request: Parameters<typeof register>[0], token: string, slug: string) {
  const view = decodeView(new URL(page.url()).searchParams, fields);
  const res = await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/search`, { token, body: searchBody(view) });
  const body = await expectJson<{ entities: Array<{ identifier: string }>; total: number; next_cursor: string | null }>(res, 200, 'search');
  return { identifiers: body.entities.map((e) => e.identifier), total: body.total, next: body.next_cursor };
}

async function expectSameAsApi(page: Page, request: Parameters<typeof register>[0], token: string, slug: string, what: string) {
  // Both are read again until they agree: the URL follows the view a moment after the table does.
  let api = await apiRows(page, request, token, slug);
  await expect
    .poll(
      async () => {
        const shown = await shownRows(page);
        api = await apiRows(page, request, token, slug);
        return JSON.stringify(shown) === JSON.stringify(api.identifiers)
          ? 'same'
          : `shown ${shown.join(',')} but the API ${api.identifiers.join(',')}`;
      },
      { message: `${what}: rows shown vs the API` },
    )
    .toBe('same');
  await expect(page.getByTestId('catalog-total')).toHaveText(new RegExp(`^${api.total.toLocaleString('en')} entit`));
  return api;
}

test('filter, sort, facet, search, pages and a reload of the catalog table show what the API returns', async ({ page, request }) => {
  test.setTimeout(90_000);
  const { admin, slug } = await seed(request);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${slug}/blueprints/service`);
  const total = page.getByTestId('catalog-total');
  await expect(total).toHaveText('120 entities');
  await expectSameAsApi(page, request, admin.token, slug, 'first page');

  // The column picker: Version is not a default column (those are the schema's first four scalars); show it.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Version' }).check();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/cols=/);

  // A filter through the builder: Tier at least 2 (80 of 120).
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('tier');
  await page.getByLabel('Rule 1 operator').selectOption('>=');
  await page.getByLabel('Rule 1 value').fill('2');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/filter=/);
  await expect(page.getByText('Filtered:')).toBeVisible();
  await expect(total).toHaveText('80 entities match');

  // Sort by a data column: ascending, then descending.
  // The header reads as its column, its button as what a press does.
  const header = page.getByRole('columnheader', { name: 'Version', exact: true });
  await expect(header.getByRole('button')).toHaveAccessibleName('Sort by Version, ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(header.getByRole('button')).toHaveAccessibleName('Sort by Version, descending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=-version/);
  const first = await expectSameAsApi(page, request, admin.token, slug, 'filtered and sorted');
  expect(first.identifiers).toHaveLength(50);
  await expect(page.getByTestId('catalog-range')).toHaveText('1–50 of 80');

  // Next, Previous: the cursor stack in the URL.
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByText('Page 2')).toBeVisible();
  await expect(page.getByTestId('catalog-range')).toHaveText('51–80 of 80');
  await expect(page).toHaveURL(/after=/);
  const second = await expectSameAsApi(page, request, admin.token, slug, 'page 2');
  expect(second.identifiers).toHaveLength(30);
  expect(second.identifiers.some((id) => first.identifiers.includes(id))).toBe(false);
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(page.getByText('Page 1')).toBeVisible();
  expect(await shownRows(page)).toEqual(first.identifiers);

  // A facet click adds status = active.
  const facets = page.getByRole('complementary', { name: 'Facets' });
  // The checkbox follows the URL (a controlled input), so click and wait for it rather than check().
  await facets.getByRole('checkbox', { name: /^active/ }).click();
  await expect(facets.getByRole('checkbox', { name: /^active/ })).toBeChecked();
  await expect(page).toHaveURL(/status/);
  await expectSameAsApi(page, request, admin.token, slug, 'with the facet');

  // The search box (debounced).
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('payments');
  await expect(page).toHaveURL(/q=payments/);
  const searched = await expectSameAsApi(page, request, admin.token, slug, 'with the search text');
  expect(searched.identifiers.length).toBeGreaterThan(0);

  // A reload from the URL shows the same view.
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  expect(await shownRows(page)).toEqual(searched.identifiers);
  await expect(page.getByRole('columnheader', { name: /Version/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('complementary', { name: 'Facets' }).getByRole('checkbox', { name: /^active/ })).toBeChecked();
  await expect(page.getByRole('searchbox', { name: 'Search entities' })).toHaveValue('payments');

  // The README's picture (public/screenshots/catalog-table.png) is a copy of this one, made by hand:
  // a test never writes into the checkout.
  await page.screenshot({ path: 'test-results/screenshots/catalog-table.png' });

  // Nothing matches: the empty state offers to clear, and clearing shows everything again.
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('no-such-thing-anywhere');
  await expect(page.getByRole('heading', { name: 'No entities match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('120 entities');
  await expect(page.getByRole('searchbox', { name: 'Search entities' })).toHaveValue('');
});

test('a hand-edited URL falls back to the default view instead of failing', async ({ page, request }) => {
  const { admin, slug } = await seed(request);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${slug}/blueprints/service?filter=%7B%22and%22%3A5&sort=-nope&cols=ghost&after=`);
  await expect(page.getByTestId('catalog-total')).toHaveText('120 entities');
  await expect(page.getByRole('columnheader', { name: /Status/ })).toBeVisible();
});

test('Ctrl+K finds entities by identifier, arrows move, Enter opens one, Escape closes', async ({ page, request }) => {
  const { admin, slug } = await seed(request);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${slug}`);
  await expect(page.locator('[data-shortcut-ready]')).toBeVisible(); // hydrated: the shortcut is heard
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Quick search' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await box.fill('svc-04');
  const options = dialog.getByRole('option');
  await expect(options.first()).toContainText('svc-040');
  await expect(options).toHaveCount(10);
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'quick-search-option-1');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.screenshot({ path: 'test-results/screenshots/quick-search.png' });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/blueprints/service/entities/svc-040$`));

  // Escape closes it and nothing else happens.
  await page.goto(`/t/${slug}`);
  await expect(page.locator('[data-shortcut-ready]')).toBeVisible(); // hydrated: the shortcut is heard
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Quick search' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Quick search' })).toHaveCount(0);
});
