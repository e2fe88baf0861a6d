import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { addMember, call, createBlueprint, createTeam, expectJson, register, type Session } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// Bulk actions in the catalog table (issue 15, item 2): an editor selects all 250 matching rows,
// sets a property, and sees "249 updated, 1 failed" (the one entity the schema refuses in
// production: it has no owner), which the API confirms; a Shift range of three rows is deleted and
// gone from the API; a viewer gets no checkboxes; axe finds nothing serious with the toolbar and
// the dialog open.

mkdirSync('test-results/screenshots', { recursive: true });

// A production service needs an owner: svc-123 has none, so setting production fails for it alone.
const SCHEMA = {
  type: 'object',
  properties: {
    lifecycle: { type: 'string', enum: ['experimental', 'production'], title: 'Lifecycle' },
    owner: { type: 'string', title: 'Owner' },
  },
  if: { properties: { lifecycle: { const: 'production' } }, required: ['lifecycle'] },
  then: { required: ['owner'] },
};
const FAILING = 'svc-123';
const ENTITIES = Array.from({ length: 250 }, (_, i) => {
  const identifier = `svc-${String(i).padStart(3, '0')}`;
  return { identifier, data: identifier === FAILING ? { lifecycle: 'experimental' } : { lifecycle: 'experimental', owner: 'ops' } };
});

type World = { slug: string; admin: Session; editor: Session; viewer: Session };

async function seed(request: APIRequestContext): Promise<World> {
  const [admin, editor, viewer] = await Promise.all(['bulk-admin', 'bulk-editor', 'bulk-viewer'].map((l) => register(request, l)));
  const team = await createTeam(request, admin.token);
  await addMember(request, admin.token, team.slug, editor.email, 'editor');
  await addMember(request, admin.token, team.slug, viewer.email, 'viewer');
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', schema: SCHEMA });
  const bulk = await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, {
    token: admin.token,
    body: { entities: ENTITIES },
  });
  await expectJson(bulk, 200, 'bulk upsert');
  return { slug: team.slug, admin, editor, viewer };
}

async function openCatalog(page: Page, slug: string) {
  await page.goto(`/t/${slug}/blueprints/service`);
  // Rendered by the client (the page is interactive); a busy 2-core machine may take a while for the first search.
  await expect(page.getByTestId('catalog-total')).toHaveText('250 entities', { timeout: 60_000 });
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
}

const rowIds = (page: Page) =>
  page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier') ?? ''));

test('select all 250 matching, set a property: 249 updated, 1 failed, as the API shows', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { slug, editor } = await seed(request);
  await signIn(page, editor.email, editor.password);
  await openCatalog(page, slug);

  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  const toolbar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('50 selected');
  await toolbar.getByRole('button', { name: 'Select all 250 matching' }).click();
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('All 250 matching selected');
  // Scoped to what this feature adds (the toolbar, the table with its checkboxes): the facet
  // sidebar's counts fail color-contrast on main already (issue 15 item 7, mended apart).
  await expectNoSeriousAxeViolations(page, 'the bulk toolbar', '[aria-label="Bulk actions"]');
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  await page.mouse.move(0, 0);
  await expectNoSeriousAxeViolations(page, 'the page checkbox', 'table thead');
  await expectNoSeriousAxeViolations(page, 'a row checkbox', 'tbody tr:first-child td:first-child');

  await toolbar.getByRole('button', { name: 'Set property' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a property' });
  await dialog.getByRole('combobox', { name: 'Property' }).selectOption({ label: 'Lifecycle' });
  await dialog.getByLabel('New value of Lifecycle').selectOption('production');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toContainText('Set Lifecycle to production on 250 entities?');
  await expectNoSeriousAxeViolations(page, 'the bulk edit confirmation', 'dialog');

  // The write is held until the progress bar has been seen (and photographed): no timing involved.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/entities/bulk-patch', async (route) => {
    await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('status')).toContainText('Updating 0 of 250');
  await expect(dialog.getByRole('progressbar', { name: 'Bulk edit progress' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/bulk-progress.png' });
  release();

  await expect(dialog.getByTestId('bulk-outcome')).toHaveText('249 updated, 1 failed');
  const failures = dialog.getByRole('list', { name: 'Failures' });
  await expect(failures.getByRole('listitem')).toHaveCount(1);
  await expect(failures).toContainText(FAILING);
  await expect(failures).toContainText('The entity is not valid (owner: Required).');
  // public/screenshots/bulk-edit.png is a copy of this one (249 updated, the one failure and why).
  await page.screenshot({ path: 'test-results/screenshots/bulk-outcome.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('region', { name: 'Bulk actions' })).toHaveCount(0);

  // The API: 249 in production, the failed one untouched (still experimental, version 1).
  const search = await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/search`, {
    token: editor.token,
    body: { query: { combinator: 'and', rules: [{ property: 'lifecycle', operator: '=', value: 'production' }] }, limit: 1 },
  });
  expect((await expectJson<{ total: number }>(search, 200, 'search')).total).toBe(249);
  const failed = await call(request, 'GET', `/teams/${slug}/blueprints/service/entities/${FAILING}`, { token: editor.token });
  expect(await expectJson(failed, 200, 'failed entity')).toMatchObject({ data: { lifecycle: 'experimental' } });
  const history = await call(request, 'GET', `/teams/${slug}/blueprints/service/entities/${FAILING}/history`, { token: editor.token });
  expect((await expectJson<{ versions: unknown[] }>(history, 200, 'history')).versions).toHaveLength(1);
  // The table shows the new values after the refresh.
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('lifecycle');
  await page.getByLabel('Rule 1 operator').selectOption('=');
  await page.getByLabel('Rule 1 value').selectOption('production');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('249 entities match');
});

test('a Shift range of three rows is deleted; selection survives paging, clears with the query', async ({ page, request }) => {
  test.setTimeout(180_000);
  // An admin: Delete takes entity:delete, which an editor lacks (an editor's toolbar has no Delete).
  const { slug, admin: editor } = await seed(request);
  await signIn(page, editor.email, editor.password);
  await openCatalog(page, slug);
  const toolbar = page.getByRole('region', { name: 'Bulk actions' });

  const ids = (await rowIds(page)).slice(0, 3);
  await page.getByRole('checkbox', { name: `Select ${ids[0]}` }).click();
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('1 selected');
  await page.getByRole('checkbox', { name: `Select ${ids[2]}` }).click({ modifiers: ['Shift'] });
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('3 selected');
  for (const id of ids) await expect(page.getByRole('checkbox', { name: `Select ${id}` })).toBeChecked();

  // Paging keeps the selection.
  await page.getByRole('button', { name: /Next/ }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('3 selected');
  await page.goBack();
  await expect(page.getByRole('checkbox', { name: `Select ${ids[1]}` })).toBeChecked();

  await toolbar.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete entities' });
  await expect(dialog).toContainText('Delete 3 entities?');
  await dialog.getByRole('button', { name: 'Delete 3 entities' }).click();
  await expect(dialog.getByTestId('bulk-outcome')).toHaveText('3 deleted');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('247 entities');
  for (const id of ids) {
    const gone = await call(request, 'GET', `/teams/${slug}/blueprints/service/entities/${id}`, { token: editor.token });
    expect(gone.status(), id).toBe(404);
  }

  // A new query clears the selection.
  const next = (await rowIds(page))[0];
  await page.getByRole('checkbox', { name: `Select ${next}` }).click();
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('1 selected');
  await page.getByRole('searchbox').fill('svc-2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('catalog-total')).toContainText('match');
  await expect(toolbar).toHaveCount(0);
});

test('a viewer sees no checkboxes and no bulk toolbar', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { slug, viewer } = await seed(request);
  await signIn(page, viewer.email, viewer.password);
  await openCatalog(page, slug);
  await expect(page.locator('tbody tr[data-identifier]').first()).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^Select / })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Bulk actions' })).toHaveCount(0);
});

test('set a relation target on a Shift range, then add a target to a many relation: the API shows the links on each', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const editor = await register(request, 'bulk-relations');
  const team = await createTeam(request, editor.token);
  const slug = team.slug;
  await createBlueprint(request, editor.token, slug, { id: 'system', title: 'System' });
  await createBlueprint(request, editor.token, slug, {
    id: 'service',
    title: 'Service',
    relations: {
      part_of: { title: 'Part of', target: 'system', type: 'many-to-one' },
      uses: { title: 'Uses', target: 'system', type: 'many-to-many' },
    },
  });
  const systems = ['platform', 'payments-core', 'data'].map((identifier) => ({ identifier, data: {} }));
  await expectJson(
    await call(request, 'POST', `/teams/${slug}/blueprints/system/entities/bulk`, { token: editor.token, body: { entities: systems } }),
    200,
    'systems',
  );
  const services = Array.from({ length: 6 }, (_, i) => ({ identifier: `svc-${i}`, data: {}, relations: { uses: ['data'] } }));
  await expectJson(
    await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/bulk`, { token: editor.token, body: { entities: services } }),
    200,
    'services',
  );
  await signIn(page, editor.email, editor.password);
  await page.goto(`/t/${slug}/blueprints/service`);
  await expect(page.getByTestId('catalog-total')).toHaveText('6 entities', { timeout: 60_000 });
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');

  const ids = (await rowIds(page)).slice(1, 4);
  const others = (await rowIds(page)).filter((id) => !ids.includes(id));
  await page.getByRole('checkbox', { name: `Select ${ids[0]}` }).click();
  await page.getByRole('checkbox', { name: `Select ${ids[2]}` }).click({ modifiers: ['Shift'] });
  const toolbar = page.getByRole('region', { name: 'Bulk actions' });
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('3 selected');

  // Part of (one target): set it to "platform".
  await toolbar.getByRole('button', { name: 'Set relation target' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set a relation target' });
  await dialog.getByRole('combobox', { name: 'Relation' }).selectOption({ label: 'Part of' });
  await expect(dialog.getByRole('combobox', { name: 'Change' })).toHaveValue('set');
  const picker = dialog.getByRole('combobox', { name: 'Part of targets' });
  await picker.fill('plat');
  await dialog.getByRole('option', { name: /platform/ }).click();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toContainText('Set Part of to platform on 3 entities?');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('bulk-outcome')).toHaveText('3 updated');
  await page.screenshot({ path: 'test-results/screenshots/bulk-relation-outcome.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Uses (many targets): add "payments-core" beside the "data" each already has.
  for (const id of ids) await page.getByRole('checkbox', { name: `Select ${id}` }).check();
  await expect(toolbar.getByTestId('bulk-count')).toHaveText('3 selected');
  await toolbar.getByRole('button', { name: 'Set relation target' }).click();
  await dialog.getByRole('combobox', { name: 'Relation' }).selectOption({ label: 'Uses' });
  await expect(dialog.getByRole('combobox', { name: 'Change' })).toHaveValue('add');
  await dialog.getByRole('combobox', { name: 'Uses targets' }).fill('payments');
  await dialog.getByRole('option', { name: /payments-core/ }).click();
  await dialog.getByRole('combobox', { name: 'Uses targets' }).press('Tab'); // a many-picker's list stays open until it is left
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toContainText('Add payments-core to Uses on 3 entities?');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByTestId('bulk-outcome')).toHaveText('3 updated');
  await dialog.getByRole('button', { name: 'Close' }).click();

  type Linked = { relations: { part_of?: string | null; uses?: string[] } };
  for (const id of ids) {
    const entity = await expectJson<Linked>(
      await call(request, 'GET', `/teams/${slug}/blueprints/service/entities/${id}`, { token: editor.token }),
      200,
      id,
    );
    expect(entity.relations.part_of, id).toBe('platform');
    expect([...(entity.relations.uses ?? [])].sort(), id).toEqual(['data', 'payments-core']);
  }
  for (const id of others) {
    const entity = await expectJson<Linked>(
      await call(request, 'GET', `/teams/${slug}/blueprints/service/entities/${id}`, { token: editor.token }),
      200,
      id,
    );
    expect(entity.relations.part_of ?? null, `${id} was not selected`).toBeNull();
    expect(entity.relations.uses, `${id} was not selected`).toEqual(['data']);
  }
});
