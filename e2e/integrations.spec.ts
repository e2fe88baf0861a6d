import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// Issue 14's integration pages in the browser: an integration made in the editor (a mapping with
// a live preview over a pasted sample), its secret shown once, items sent from its page with a
// dry-run preview first (one item refused by the blueprint's schema, the others created), the
// sync in its history, and the entities in the catalog. Each page is checked with axe and
// photographed.

test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 240_000 });
mkdirSync('test-results/screenshots', { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/integrations-${name}.png`, fullPage: true });

test('an integration made with a live mapping preview, fed from its page after a dry run, and its entities in the catalog', async ({
  page,
  request,
}) => {
  const admin = await register(request, 'integrations');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    schema: { type: 'object', properties: { language: { type: 'string', enum: ['go', 'java', 'python'] } } },
  });

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/integrations`);
  await expect(page.getByRole('heading', { name: 'No integrations yet' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'integrations page (empty)');
  await page.getByRole('link', { name: 'New integration' }).first().click();
  await expect(page.getByRole('heading', { name: 'New integration' })).toBeVisible();

  await page.locator('#integration-title').fill('Repositories');
  await page.locator('#integration-identifier').fill('repos');
  const mapping = page.getByTestId('mapping-card');
  await expect(mapping.getByLabel('Blueprint')).toHaveValue('service');
  await mapping.getByLabel('Identifier expression', { exact: true }).fill('$lowercase(name)');
  await mapping.getByLabel('Title (optional)').fill('name');
  await mapping.getByRole('button', { name: '+ Add a property' }).click();
  await mapping.getByLabel('Properties 1: name').fill('language');
  await mapping.getByLabel('Properties 1: expression').fill('lang');

  // The preview maps the pasted sample with the server's own mapper; a broken expression says so.
  await page.getByLabel(/A sample item/).fill('{"name": "Payments-API", "lang": "go"}');
  await expect(page.getByTestId('mapping-preview')).toContainText('payments-api');
  await expect(page.getByTestId('mapping-preview')).toContainText('"language": "go"');
  await mapping.getByLabel('Title (optional)').fill('name &');
  await expect(page.getByTestId('mapping-preview')).toContainText('does not compile');
  await mapping.getByLabel('Title (optional)').fill('name');
  await expectNoSeriousAxeViolations(page, 'integration editor');
  await shot(page, 'editor');

  await page.getByRole('button', { name: 'Create integration' }).click();
  const secret = ((await page.getByTestId('integration-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^bpis_[0-9a-f]{64}$/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'Repositories', level: 1 })).toBeVisible();
  await expect(page.getByTestId('ingest-url')).toContainText(`/api/v1/ingest/${team.slug}/repos`);

  // Items sent from the page: previewed first (nothing written), then applied.
  const items = [
    { name: 'Payments-API', lang: 'go' },
    { name: 'Billing', lang: 'java' },
    { name: 'Legacy', lang: 'cobol' },
  ];
  await page.getByLabel('Items', { exact: true }).fill(JSON.stringify(items));
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const result = page.getByTestId('sync-result');
  await expect(result).toContainText('2 created · 0 updated · 0 unchanged · 0 deleted · 1 failed');
  await expect(result).toContainText('Item 3 (legacy)');
  await expect(result).toContainText('create service payments-api');
  const listed = await expectJson<{ entities: unknown[] }>(
    await call(request, 'GET', `/teams/${team.slug}/blueprints/service/entities`, { token: admin.token }),
    200,
    'entities after the dry run',
  );
  expect(listed.entities).toHaveLength(0);
  await expectNoSeriousAxeViolations(page, 'integration page with a preview');
  await shot(page, 'preview');

  await page.getByRole('button', { name: 'Apply to 3 items' }).click();
  await expect(page.getByRole('heading', { name: 'Applied' })).toBeVisible();
  await expect(page.getByTestId('sync-row').first()).toContainText('delta');
  await shot(page, 'applied');

  // The catalog has them, written as the integration; the list's card shows the last sync.
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.getByRole('link', { name: 'Payments-API' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Billing' })).toBeVisible();
  await page.goto(`/t/${team.slug}/integrations`);
  const card = page.getByTestId('integration-card');
  await expect(card).toContainText('Repositories');
  await expect(card).toContainText('2 created');
  await expect(card).toContainText('1 failed');
  await expectNoSeriousAxeViolations(page, 'integrations page');
  await shot(page, 'list');
});
