import { expect, test } from '@playwright/test';
import { call, createBlueprint, createTeam, expectJson, PASSWORD, register } from './support/api';
import { signIn } from './support/ui';

// Issue 15 item 8, on a laptop screen (1280 px): a wide catalog table scrolls inside itself, never
// the page; the facet column folds away and back; the side navigation stays in view on a long page.

test.use({ viewport: { width: 1280, height: 720 } });

const PROPERTIES = ['owner', 'repository', 'runbook', 'dashboard', 'oncall', 'region', 'language', 'description'];

test('a wide table fits a 1280 px window, facets fold away, the navigation stays in view', async ({ page, request }) => {
  const admin = await register(request, 'layout');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: {
      type: 'object',
      properties: {
        tier: { type: 'string', enum: ['gold', 'silver'], title: 'Tier' },
        ...Object.fromEntries(PROPERTIES.map((p) => [p, { type: 'string', title: p[0].toUpperCase() + p.slice(1) }])),
      },
    },
  });
  const entities = Array.from({ length: 60 }, (_, i) => ({
    identifier: `a-rather-long-service-identifier-${i}`,
    title: `A rather long service title number ${i}`,
    data: {
      tier: i % 2 ? 'gold' : 'silver',
      ...Object.fromEntries(PROPERTIES.map((p) => [p, `https://${p}.example.com/a/long/path/for/service/${i}`])),
    },
  }));
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, { token: admin.token, body: { entities } }),
    200,
    'entities',
  );
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.getByTestId('catalog-total')).toHaveText('60 entities');

  // The page never scrolls sideways: the table does, inside its own box.
  const pageOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await pageOverflow()).toBeLessThanOrEqual(0);

  // Facets fold away and come back.
  const facets = page.getByRole('complementary', { name: 'Facets' });
  await expect(facets).toBeVisible();
  // The table is wider than the window (1,500 px and more): its scrolling box is what widens.
  const table = page.getByRole('table').locator('xpath=..');
  const before = (await table.boundingBox())!.width;
  await expect(async () => {
    await page.getByRole('button', { name: 'Hide facets' }).click({ timeout: 1_000 });
    await expect(facets).toBeHidden({ timeout: 1_000 });
  }).toPass();
  await expect.poll(async () => (await table.boundingBox())!.width).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Show facets' }).click();
  await expect(facets).toBeVisible();

  // Scrolled to the bottom of a long page, the navigation is still where it was.
  const nav = page.getByRole('navigation', { name: 'Portal' });
  await page.mouse.wheel(0, 5000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  await expect(nav.getByRole('link', { name: /Catalog/ })).toBeInViewport();
  expect(await pageOverflow()).toBeLessThanOrEqual(0);
});
