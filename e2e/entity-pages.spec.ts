import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, addMember, call, createBlueprint, createTeam, expectJson, register, type Session } from './support/api';
import { EVERY_TYPE_SCHEMA } from './support/every-type-schema';
import { signIn } from './support/ui';

// The entity pages in the browser: create an entity through the generated form (every control,
// an inline error before submitting), see each type rendered on its page, edit it, compare two
// versions in the history and restore the first one, checked through the API. The identifier
// holds a slash and an @, so every link and page must encode and decode it.

test.use({ timezoneId: 'UTC' });
mkdirSync('test-results/screenshots', { recursive: true });

type Entity = { identifier: string; title: string | null; data: Record<string, unknown> };
type Version = {
  version: number;
  action: string;
  title: string | null;
  data: Record<string, unknown>;
  restored_version: number | null;
  actor_name: string | null;
};

const IDENTIFIER = 'svc/payments@eu';
const ENCODED = encodeURIComponent(IDENTIFIER); // svc%2Fpayments%40eu

/** A screenshot of the whole page at 1440 wide: a viewport as tall as the page (a full-page capture would repeat the sticky header). */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.min(Math.max(height, 900), 2600) });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function setup(request: Parameters<typeof register>[0]) {
  const admin = await register(request, 'entity-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', icon: '🛰️', schema: EVERY_TYPE_SCHEMA });
  return { admin, team: team.slug, api: `/teams/${team.slug}/blueprints/service/entities` };
}

/** The generated form, filled through every kind of control. */
async function fillEveryControl(page: Page) {
  await page.getByLabel('Identifier').fill(IDENTIFIER);
  await page.getByLabel('Title').fill('Payments');
  await page.getByLabel('Display name').fill('Payments API');
  await page.getByLabel('Replicas').fill('3');
  await page.getByLabel('CPU').fill('0.5');
  await page.getByRole('switch', { name: 'Public' }).check();
  await expect(page.getByLabel('Lifecycle'), 'the enum default is filled in').toHaveValue('0');
  await page.getByLabel('Lifecycle').selectOption('production');
  await page.getByLabel('Homepage').fill('https://pay.example.com');
  await page.getByLabel('Launched').fill('2024-03-15');
  await page.getByLabel('Last deployed at').fill('2024-05-01T12:30');
  await page.getByLabel(/^Version/).fill('1.4.2');
  await page.getByLabel('Readme').fill('# Payments\n\nHandles **card** payments.\n\n<script>window.pwned = 1</script>');
  const tags = page.getByLabel('Tags', { exact: true });
  for (const tag of ['payments', 'eu', 'pci']) {
    await tags.fill(tag);
    await tags.press('Enter');
  }
  await page.getByRole('button', { name: 'Add endpoint to Endpoints' }).click();
  await expect(page.getByLabel(/^Url/), 'focus moves into the new row').toBeFocused();
  await page.getByLabel(/^Url/).fill('https://pay.example.com/v1');
  await page.getByLabel('Port', { exact: true }).fill('443');
  await page.getByLabel('Language').selectOption('go');
  await page.getByLabel('Memory (MB)').fill('512');
}

test('create through the generated form, read it on its page, edit it, diff two versions and restore the first', async ({
  page,
  request,
}) => {
  const { admin, team, api } = await setup(request);
  await signIn(page, admin.email, PASSWORD);

  // The table page offers "New entity" to a writer.
  await page.goto(`/t/${team}/blueprints/service`);
  await page.getByRole('link', { name: 'New entity' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team}/blueprints/service/new-entity$`));
  await expect(page.getByRole('heading', { name: 'New service' })).toBeVisible();
  await expect(page.getByText('What people call it'), 'descriptions are help text').toBeVisible();

  // An invalid value is flagged inline as soon as the field is left, before any submit.
  const owner = page.getByLabel('Owner');
  await owner.fill('not-an-email');
  await owner.blur();
  await expect(page.getByText('Must be a valid email address')).toBeVisible();
  await expect(owner).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Replicas').fill('20');
  await page.getByLabel('Replicas').blur();
  await expect(page.getByText('Must be at most 10')).toBeVisible();

  await fillEveryControl(page);
  await owner.fill('payments@example.com');
  await expect(page.getByText('Must be a valid email address')).toHaveCount(0);
  await expect(page.getByText('Must be at most 10')).toHaveCount(0);
  await shoot(page, 'entity-form');
  await page.getByRole('button', { name: 'Create entity' }).click();

  // The detail page, at the encoded identifier, renders each type.
  await expect(page).toHaveURL(new RegExp(`/entities/${ENCODED}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Payments');
  await expect(page.getByTestId('entity-identifier')).toHaveText(IDENTIFIER);
  const prop = (name: string) => page.locator(`[data-property="${name}"] dd`);
  await expect(prop('name')).toHaveText('Payments API');
  await expect(prop('replicas')).toHaveText('3');
  await expect(prop('cpu')).toHaveText('0.5');
  await expect(prop('public')).toHaveText('Yes');
  await expect(prop('lifecycle')).toHaveText('production');
  await expect(prop('owner').getByRole('link', { name: 'payments@example.com' })).toHaveAttribute('href', 'mailto:payments@example.com');
  await expect(prop('homepage').getByRole('link')).toHaveAttribute('href', 'https://pay.example.com');
  await expect(prop('launched')).toHaveText('Mar 15, 2024');
  await expect(prop('last_deployed_at')).toHaveText(/May 1, 2024, 12:30\sPM UTC/);
  await expect(prop('version')).toHaveText('1.4.2');
  await expect(prop('readme').getByRole('heading', { name: 'Payments' })).toBeVisible();
  await expect(prop('readme').locator('strong')).toHaveText('card');
  await expect(prop('readme').locator('script'), 'no raw HTML from markdown').toHaveCount(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  await expect(prop('tags').getByRole('listitem')).toHaveText(['payments', 'eu', 'pci']);
  await expect(prop('endpoints').getByRole('columnheader')).toHaveText(['Url', 'Port']);
  await expect(prop('endpoints').getByRole('cell').first()).toHaveText('https://pay.example.com/v1');
  await expect(prop('runtime').locator('dt')).toHaveText(['Language', 'Memory (MB)']);
  await expect(prop('runtime').locator('dd')).toHaveText(['go', '512']);
  await expect(page.getByTestId('entity-version')).toHaveText('1');
  await shoot(page, 'entity-detail');

  // The table row links to the same page (the link encodes the slash).
  await page.goto(`/t/${team}/blueprints/service`);
  await shoot(page, 'entity-table');
  await page
    .getByRole('table')
    .getByRole('link', { name: /^Payments/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/entities/${ENCODED}$`));

  // Edit: the form starts from the stored values; the identifier cannot change.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/${ENCODED}/edit$`));
  await expect(page.getByLabel('Identifier')).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('Replicas')).toHaveValue('3');
  await page.getByLabel('Replicas').fill('5');
  await page.getByRole('button', { name: 'Remove eu' }).click();
  await page.getByLabel('Memory (MB)').fill('1024');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/${ENCODED}$`));
  await expect(page.getByTestId('entity-version')).toHaveText('2');
  await expect(prop('replicas')).toHaveText('5');

  // History: both versions, compared field by field.
  await page.getByRole('navigation', { name: 'Entity' }).getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/${ENCODED}/history$`));
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('checkbox', { name: 'Compare version 1' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Compare version 2' })).toBeChecked();
  const diff = page.getByRole('region', { name: 'Changes from version 1 to version 2' });
  await expect(diff.locator('[data-diff-path]')).toHaveCount(3);
  await expect(diff.locator('[data-diff-path="replicas"]')).toContainText(/Changed\s*3\s*→\s*5/);
  await expect(diff.locator('[data-diff-path="tags"]')).toContainText('− eu');
  await expect(diff.locator('[data-diff-path="runtime.memory_mb"]')).toContainText(/512\s*→\s*1024/);
  await expect(page.locator('[data-version="2"]')).toContainText('E2E entity-admin');
  await shoot(page, 'entity-history');

  // Restore v1: a new version 3 equal to v1's title and data, audited.
  const v1 = (
    await expectJson<{ versions: Version[] }>(
      await call(request, 'GET', `${api}/${ENCODED}/history`, { token: admin.token }),
      200,
      'history',
    )
  ).versions.find((v) => v.version === 1)!;
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('button', { name: 'Restore v1' }).click();
  await expect(page.getByRole('status')).toHaveText('Version 1 restored as version 3.');
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.locator('[data-version="3"]')).toContainText('Restored');
  await expect(page.locator('[data-version="3"]')).toContainText('from v1');

  const now = await call(request, 'GET', `${api}/${ENCODED}`, { token: admin.token });
  const entity = await expectJson<Entity>(now, 200, 'the restored entity');
  expect(now.headers().etag, 'a new version, not a rewrite').toBe('"3"');
  expect({ title: entity.title, data: entity.data }).toEqual({ title: v1.title, data: v1.data });
  const history = await expectJson<{ versions: Version[] }>(
    await call(request, 'GET', `${api}/${ENCODED}/history`, { token: admin.token }),
    200,
    'history after',
  );
  expect(history.versions.map((v) => [v.version, v.action, v.restored_version])).toEqual([
    [3, 'entity.restored', 1],
    [2, 'entity.updated', null],
    [1, 'entity.created', null],
  ]);
  const audit = await expectJson<{ audit_logs: Array<{ action: string; new_data: { version: number; restored_version: number } }> }>(
    await call(request, 'GET', `/teams/${team}/audit-logs?action=entity.restored`, { token: admin.token }),
    200,
    'audit log',
  );
  expect(audit.audit_logs.map((r) => [r.action, r.new_data.version, r.new_data.restored_version])).toEqual([['entity.restored', 3, 1]]);
});

test('a stale edit is refused with a reload, a server refusal lands under its field, and delete asks first', async ({ page, request }) => {
  const { admin, team, api } = await setup(request);
  await expectJson(
    await call(request, 'POST', api, {
      token: admin.token,
      body: { identifier: 'new', title: 'Called new', data: { version: '1.0.0', owner: 'a@example.com', lifecycle: 'production' } },
    }),
    201,
    'entity "new"',
  );
  await signIn(page, admin.email, PASSWORD);

  // An entity called "new" has its own page (the create page lives at /new-entity).
  await page.goto(`/t/${team}/blueprints/service/entities/new/edit`);
  await page.getByLabel('Title').fill('Mine');
  // Someone else saves in between: our If-Match is now stale.
  await expectJson(await call(request, 'PATCH', `${api}/new`, { token: admin.token, body: { title: 'Theirs' } }), 200, 'concurrent edit');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('Someone saved this entity after you opened it');
  await page.getByRole('button', { name: 'Reload latest version' }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Theirs');

  // A version that no longer fits the blueprint's current schema is not restored: the page says why.
  const stricter = { schema: { ...EVERY_TYPE_SCHEMA, required: ['version', 'owner', 'lifecycle', 'replicas'] } };
  await expectJson(
    await call(request, 'PATCH', `/teams/${team}/blueprints/service?force=true`, { token: admin.token, body: stricter }),
    200,
    'a stricter schema',
  );
  await page.goto(`/t/${team}/blueprints/service/entities/new/history`);
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('button', { name: 'Restore v1' }).click();
  const refusal = page.locator('main').getByRole('alert');
  await expect(refusal).toContainText("Version 1 no longer fits the blueprint's current schema");
  await expect(refusal.getByRole('listitem')).toHaveText([/^replicas: /]);
  await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem'), 'nothing was written').toHaveCount(2);

  // A rule only the server knows (here: a taken identifier) comes back under the control.
  await page.goto(`/t/${team}/blueprints/service/new-entity`);
  await page.getByLabel('Identifier').fill('new');
  await page.getByLabel('Owner').fill('b@example.com');
  await page.getByLabel(/^Version/).fill('2.0.0');
  await page.getByLabel('Replicas').fill('1');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page.getByText('An entity with this identifier already exists')).toBeVisible();
  await expect(page.getByLabel('Identifier')).toHaveAttribute('aria-invalid', 'true');

  // Delete asks first (nothing links to it), then goes back to the table.
  await page.goto(`/t/${team}/blueprints/service/entities/new`);
  await page.getByRole('button', { name: 'Delete new' }).click();
  await expect(page.getByTestId('delete-entity-impact')).toHaveText('No other entity links to it.');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete entity' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team}/blueprints/service$`));
  expect((await call(request, 'GET', `${api}/new`, { token: admin.token })).status()).toBe(404);
});

test('a viewer reads entity pages without edit, delete, restore or create, and the write pages are 403', async ({ page, request }) => {
  const { admin, team, api } = await setup(request);
  const viewer: Session = await register(request, 'viewer');
  await addMember(request, admin.token, team, viewer.email, 'viewer');
  await expectJson(
    await call(request, 'POST', api, {
      token: admin.token,
      body: { identifier: 'a:b+c', data: { version: '1.0.0', owner: 'a@example.com', lifecycle: 'production' } },
    }),
    201,
    'entity',
  );
  // 23 versions: the history shows 20, then loads the older ones on request (keyset pages).
  for (let replicas = 2; replicas <= 23; replicas++) {
    await expectJson(
      await call(request, 'PATCH', `${api}/${encodeURIComponent('a:b+c')}`, { token: admin.token, body: { data: { cpu: replicas } } }),
      200,
      `v${replicas}`,
    );
  }
  await signIn(page, viewer.email, PASSWORD);

  await page.goto(`/t/${team}/blueprints/service`);
  await expect(page.getByRole('link', { name: 'New entity' })).toHaveCount(0);
  await page.getByRole('link', { name: 'a:b+c' }).click();
  await expect(page.getByTestId('entity-identifier')).toHaveText('a:b+c');
  await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Entity' }).getByRole('link', { name: 'History' }).click();
  const versions = page.getByRole('list', { name: 'Versions' }).getByRole('listitem');
  await expect(versions).toHaveCount(20);
  await expect(versions.first()).toContainText('v23');
  await page.getByRole('button', { name: 'Load older versions' }).click();
  await expect(versions).toHaveCount(23);
  await expect(versions.last()).toContainText('v1');
  await expect(page.getByRole('button', { name: 'Load older versions' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Restore/ })).toHaveCount(0);

  for (const path of [
    `/t/${team}/blueprints/service/new-entity`,
    `/t/${team}/blueprints/service/entities/${encodeURIComponent('a:b+c')}/edit`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
