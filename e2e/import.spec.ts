import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, createTeam, register } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// The import page in the browser with the repository's Backstage fixture (63 entities of every
// kind): the preview says what it would create (7 blueprints, 62 entities; legacy-billing fails,
// its resource is in no file) and writes nothing; the import creates them; the graph page draws a
// component with its system, owner, APIs and dependencies. Then a second import changes nothing.

test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 240_000 });
mkdirSync('test-results/screenshots', { recursive: true });

const FIXTURE = path.resolve('e2e/fixtures/backstage/catalog-info.yaml'); // the runner starts in the repository
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/import-${name}.png`, fullPage: true });

test('a Backstage catalog-info.yaml previewed, imported, and drawn by the graph page', async ({ page, request }) => {
  const admin = await register(request, 'import');
  const team = await createTeam(request, admin.token);
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}`);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'import page');

  await page.getByLabel('File', { exact: true }).setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-file')).toContainText('catalog-info.yaml: YAML');
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const result = page.getByTestId('sync-result');
  await expect(result).toContainText('What would change');
  await expect(result).toContainText('62 created');
  await expect(result).toContainText('1 failed');
  await expect(result).toContainText('legacy-billing');
  await expect(page.getByText('7 blueprints to create')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'import preview');
  await shot(page, 'preview');
  // Nothing was written: the team still has no blueprint.
  const before = await request.get(`/api/v1/teams/${team.slug}/blueprints`, { headers: { authorization: `Bearer ${admin.token}` } });
  expect((await before.json()).blueprints).toEqual([]);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(result).toContainText('Imported');
  await expect(result).toContainText('62 created');
  await expect(page.getByText('7 blueprints created')).toBeVisible();
  await shot(page, 'done');

  await page.goto(`/t/${team.slug}/blueprints/component/entities/web-storefront/graph`);
  const nodes = page.getByTestId('graph-node');
  for (const name of ['web-storefront', 'storefront', 'checkout-team', 'checkout-api', 'design-system'])
    await expect(nodes.filter({ hasText: name }).first()).toBeVisible();
  await shot(page, 'graph');

  // The same file again: every entity unchanged.
  await page.goto(`/t/${team.slug}/import`);
  await page.getByLabel('File', { exact: true }).setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(result).toContainText('0 created · 0 updated · 62 unchanged');
});
