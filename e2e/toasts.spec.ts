import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, register } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// Toasts after writes, in the browser: creating an entity says so; deleting it says so and offers
// Undo, which brings it back (its page, the API and its history agree); a delete left alone stays
// deleted once its toast has gone. Waits are for states (a toast shown, a toast gone), never times.

mkdirSync('test-results/screenshots', { recursive: true });

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer', title: 'Tier' } } };

const toastRegion = (page: Page) => page.getByRole('region', { name: /^Notifications/ });
const toast = (page: Page, text: string) => toastRegion(page).locator('[data-sonner-toast]').filter({ hasText: text });

async function deleteFromItsPage(page: Page, identifier: string) {
  await page.getByRole('button', { name: `Delete ${identifier}` }).click();
  await expect(page.getByTestId('delete-entity-impact')).toHaveText('No other entity links to it.');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete entity' }).click();
}

test('create shows a toast; Undo after a delete brings the entity back; a delete left alone stays', async ({ page, request }) => {
  const admin = await register(request, 'toasts');
  const team = (await createTeam(request, admin.token)).slug;
  await createBlueprint(request, admin.token, team, { id: 'service', title: 'Service', schema: SCHEMA });
  const api = `/teams/${team}/blueprints/service/entities/checkout`;
  const status = async () => (await call(request, 'GET', api, { token: admin.token })).status();
  await signIn(page, admin.email, PASSWORD);

  await page.goto(`/t/${team}/blueprints/service/new-entity`);
  await page.getByLabel('Identifier').fill('checkout');
  await page.getByLabel('Title').fill('Checkout');
  await page.getByLabel('Tier').fill('2');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team}/blueprints/service/entities/checkout$`));
  await expect(toast(page, 'Service “checkout” created.')).toBeVisible();

  // Delete: back to the table, a toast with Undo; the entity is gone meanwhile.
  await deleteFromItsPage(page, 'checkout');
  await expect(page).toHaveURL(new RegExp(`/t/${team}/blueprints/service$`));
  // Pointing at the toast holds it (sonner pauses its timer), as it would for a person reading it,
  // while the checks below run (on a busy machine they may take longer than the toast lasts).
  const deleted = toast(page, 'Service “checkout” deleted.');
  await deleted.hover();
  await expect(deleted.getByRole('button', { name: 'Undo' })).toBeVisible();
  expect(await status()).toBe(404);
  await expectNoSeriousAxeViolations(page, 'the catalog table with a toast');
  await page.screenshot({ path: 'test-results/screenshots/toast-undo.png' });

  // Undo: the entity is back, on its page, in the API and in its history (a restore, version 2).
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await page.mouse.move(0, 0); // off the toasts: hovering them pauses their timers
  await expect(toast(page, 'Service “checkout” restored.')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/t/${team}/blueprints/service/entities/checkout$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Checkout');
  await expect(page.getByTestId('entity-version')).toHaveText('2');
  expect(await status()).toBe(200);
  const history = (await (await call(request, 'GET', `${api}/history`, { token: admin.token })).json()) as {
    versions: Array<{ action: string; version: number; restored_version: number | null }>;
  };
  expect(history.versions.map((v) => [v.action, v.version, v.restored_version])).toEqual([
    ['entity.restored', 2, 1],
    ['entity.deleted', 1, null],
    ['entity.created', 1, null],
  ]);
  await page.getByRole('link', { name: 'History' }).click();
  const versions = page.getByRole('list', { name: 'Versions' }).getByRole('listitem');
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText('Restored');
  await expect(versions.nth(1)).toContainText('Deleted');

  // A second delete, left alone: once its toast has gone, the entity stays deleted.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('entity-version')).toHaveText('2');
  await deleteFromItsPage(page, 'checkout');
  await page.mouse.move(0, 0);
  const again = toast(page, 'Service “checkout” deleted.');
  await expect(again.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(again).toHaveCount(0, { timeout: 30_000 });
  expect(await status()).toBe(404);
});
