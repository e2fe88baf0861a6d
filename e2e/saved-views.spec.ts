import { expect, test, type Page } from '@playwright/test';
import { addMember, call, createBlueprint, createTeam, expectJson, register, type Session } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// Saved views in the browser (issue 15, item 1): an editor builds a view (columns, a filter, a
// sort), saves it shared and as the blueprint's default; "Modified" shows while the table differs
// from it; a second member (a viewer) gets it on the plain catalog URL, finds it in the side
// navigation under its blueprint, opens it and sees the same rows and columns; axe finds nothing
// serious on the page with the Views control and its dialog.

const SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['active', 'deprecated', 'retired'], title: 'Status' },
    tier: { type: 'integer', title: 'Tier' },
    version: { type: 'string', format: 'semver', title: 'Version' },
  },
};

const ENTITIES = Array.from({ length: 60 }, (_, i) => ({
  identifier: `svc-${String(i).padStart(2, '0')}`,
  title: `Service ${i}`,
  data: { status: ['active', 'deprecated', 'retired'][i % 3], tier: (i % 3) + 1, version: `1.${i % 7}.${i % 4}` },
}));

type World = { slug: string; editor: Session; viewer: Session };

async function seed(request: Parameters<typeof register>[0]): Promise<World> {
  const [admin, editor, viewer] = await Promise.all(['views-admin', 'views-editor', 'views-viewer'].map((l) => register(request, l)));
  const team = await createTeam(request, admin.token);
  await addMember(request, admin.token, team.slug, editor.email, 'editor');
  await addMember(request, admin.token, team.slug, viewer.email, 'viewer');
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', icon: '⚙️', schema: SCHEMA });
  const bulk = await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, {
    token: admin.token,
    body: { entities: ENTITIES },
  });
  await expectJson(bulk, 200, 'bulk upsert');
  return { slug: team.slug, editor, viewer };
}

/** The identifiers and the column headers the table shows, once it is no longer loading. */
async function shown(page: Page) {
  const table = page.getByRole('table');
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  return {
    rows: await page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier'))),
    // The headers' text as written (the page shows it in capitals), without the sort arrows; the
    // row-selection column (a checkbox, for those who may bulk edit) is no column of the view.
    columns: (
      await page.getByRole('columnheader').evaluateAll((ths) => ths.map((th) => (th.textContent ?? '').replace(/[▲▼]/g, '').trim()))
    ).filter((text) => text !== ''),
  };
}

test('a shared view saved by an editor opens the same for a viewer, from the sidebar and as the default', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { slug, editor, viewer } = await seed(request);
  await signIn(page, editor.email, editor.password);
  await page.goto(`/t/${slug}/blueprints/service`);
  const total = page.getByTestId('catalog-total');
  await expect(total).toHaveText('60 entities'); // rendered by the client: the page is interactive

  // Columns (Tier hidden), a filter (Tier at least 2: 40 of 60), a sort (Version, descending).
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns' }).getByRole('checkbox', { name: 'Tier' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/cols=/);
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('tier');
  await page.getByLabel('Rule 1 operator').selectOption('>=');
  await page.getByLabel('Rule 1 value').fill('2');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(total).toHaveText('40 entities match');
  const header = page.getByRole('columnheader', { name: /Version/ });
  // Each click waits for its state: a second click before the first one's render lands is lost.
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');

  // Save it: shared, the blueprint's default. The dialog is checked by axe too.
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save view' });
  await dialog.getByLabel('Name', { exact: true }).fill('Tier 2+ by version');
  await expect(dialog.getByLabel('Link name')).toHaveValue('tier-2-by-version');
  await dialog.getByLabel('Share with the team').check();
  await dialog.getByLabel('Open it by default for this blueprint').check();
  await expectNoSeriousAxeViolations(page, 'save view dialog');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/view=tier-2-by-version/);
  const current = page.getByRole('button', { name: /^View: Tier 2\+ by version/ });
  await expect(current).toBeVisible();
  await expect(current).not.toContainText('Modified');
  const nav = page.getByRole('navigation', { name: 'Portal' });
  await expect(nav.getByRole('link', { name: /Tier 2\+ by version/ })).toBeVisible();
  const saved = await shown(page);
  expect(saved.rows).toHaveLength(40);
  expect(saved.columns).toContain('Version');
  expect(saved.columns).not.toContain('Tier');

  // A change marks the view modified; undoing it clears the mark.
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(current).toContainText('Modified');
  await expect(page.getByRole('button', { name: 'Save as new' })).toBeVisible();
  await header.getByRole('button').click();
  await expect(current).not.toContainText('Modified');

  // The viewer: the plain catalog URL opens the team's default view.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, viewer.email, viewer.password);
  await other.goto(`/t/${slug}/blueprints/service`);
  await expect(other).toHaveURL(/view=tier-2-by-version/);
  await expect(other.getByTestId('catalog-total')).toHaveText('40 entities match');
  expect(await shown(other)).toEqual(saved);

  // ... and the side navigation lists it under Service: opened from another page, the same table.
  await other.goto(`/t/${slug}`);
  const link = other
    .getByRole('navigation', { name: 'Portal' })
    .getByRole('list', { name: 'Service views' })
    .getByRole('link', { name: /Tier 2\+ by version/ });
  await link.click();
  await expect(other).toHaveURL(/\/blueprints\/service\?.*view=tier-2-by-version/);
  await expect(other.getByTestId('catalog-total')).toHaveText('40 entities match');
  expect(await shown(other)).toEqual(saved);
  const viewerCurrent = other.getByRole('button', { name: /^View: Tier 2\+ by version/ });
  await expect(viewerCurrent).toBeVisible();
  // A viewer may not change a shared view: no Save, even once the table differs.
  await other
    .getByRole('columnheader', { name: /Version/ })
    .getByRole('button')
    .click();
  await expect(viewerCurrent).toContainText('Modified');
  await expect(other.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Save as new' })).toBeVisible();

  await viewerCurrent.click();
  await expect(other.getByRole('group', { name: 'Saved views' })).toBeVisible();
  // The Views control (menu open) and the side navigation with its views. The rest of the page
  // is issue 15 item 7's (the table's grey identifiers fail color-contrast today).
  await expectNoSeriousAxeViolations(other, 'the Views control with its menu open', '[data-saved-views]');
  await expectNoSeriousAxeViolations(other, 'the side navigation with the views', 'nav[aria-label="Portal"]');
  // public/screenshots/saved-view.png is a copy of this one (a shared view, its menu open, listed in the navigation).
  await other.screenshot({ path: 'test-results/screenshots/saved-views.png' });
  await context.close();
});
