import { expect, test } from '@playwright/test';
import { DEMO_BLUEPRINTS } from '../lib/demo/demo-blueprints';
import { buildDemoCatalog } from '../lib/demo/demo-entities';
import { DEMO_TEAM, DEMO_USER } from '../lib/demo/seed-demo';
import { signIn } from './support/ui';

// A new visitor opens Baseplate for the first time and lands on the demo team's catalog.

const expectedCounts = Object.fromEntries(
  DEMO_BLUEPRINTS.map((b) => [b.id, buildDemoCatalog().entities.filter((e) => e.blueprintId === b.id).length]),
);

test("a new visitor signs in as the demo user and sees the demo team's blueprints with their entity counts", async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, DEMO_USER.email, DEMO_USER.password);
  await expect(page).toHaveURL(new RegExp(`/t/${DEMO_TEAM.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Baseplate');
  await expect(page.getByRole('banner')).toContainText(DEMO_TEAM.name);

  for (const blueprint of DEMO_BLUEPRINTS) {
    const card = page.getByTestId(`blueprint-card-${blueprint.id}`);
    await expect(card).toContainText(blueprint.title);
    await expect(card.getByTestId('entity-count')).toHaveText(String(expectedCounts[blueprint.id]));
  }
  const nav = page.getByRole('navigation', { name: 'Portal' });
  await expect(nav.getByRole('link', { name: /Service/ })).toContainText(String(expectedCounts.service));

  // The README's screenshot is a copy of this one (public/screenshots/catalog.png).
  await page.screenshot({ path: 'test-results/screenshots/catalog.png' });
});

test('a blueprint page lists its entities a page at a time', async ({ page }) => {
  await signIn(page, DEMO_USER.email, DEMO_USER.password);
  await page.goto(`/t/${DEMO_TEAM.slug}`);
  await page.getByTestId('blueprint-card-service').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Service');
  const rows = page.locator('tbody tr[data-identifier]');
  await expect(rows).toHaveCount(Math.min(50, expectedCounts.service));
  await expect(page.getByRole('columnheader', { name: /Language/ })).toBeVisible();

  const identifiers = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-identifier')));
  const seen = new Set(await identifiers());
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(rows).toHaveCount(expectedCounts.service - 50);
  expect((await identifiers()).filter((id) => seen.has(id))).toEqual([]); // keyset pages never overlap
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/service-page-2.png', fullPage: false });

  await page.goto(`/t/${DEMO_TEAM.slug}/blueprints/service?after=not-a-cursor`); // edited by hand
  await expect(rows).toHaveCount(Math.min(50, expectedCounts.service));
});

test('an unknown team or blueprint is a clear 404 page', async ({ page }) => {
  await signIn(page, DEMO_USER.email, DEMO_USER.password);
  const response = await page.goto('/t/no-such-team');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
  const bp = await page.goto(`/t/${DEMO_TEAM.slug}/blueprints/no-such-blueprint`);
  expect(bp?.status()).toBe(404);
});
