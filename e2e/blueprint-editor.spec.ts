import { expect, test, type Page } from '@playwright/test';
import { addMember, call, createTeam, register } from './support/api';
import { signIn } from './support/ui';

// Designing a blueprint in the editor: the builder and the JSON pane both used, each updating the
// other; the stored schema is exactly what was designed, in order. Then the schema change that
// existing entities fail (the force dialog), an invalid schema shown inline, and delete.

async function addProperty(page: Page, name: string, options: { type?: string; format?: string; required?: boolean; items?: string } = {}) {
  await page.getByRole('button', { name: '+ Add property', exact: true }).click();
  const row = page.locator('[data-testid^="property-/properties/property_"]').last();
  await row.getByLabel(/^Name of property \d+$/).fill(name);
  const named = page.locator(`[data-testid="property-/properties/${name}"]`);
  if (options.type) await named.getByLabel(`Type of ${name}`).selectOption(options.type);
  if (options.format) await named.getByLabel(`Format of ${name}`).selectOption(options.format);
  if (options.items) await named.getByLabel(`Items of ${name}`).selectOption(options.items);
  if (options.required) await named.getByLabel(`${name} is required`).check();
  return named;
}

async function openDetails(row: ReturnType<Page['locator']>, name: string) {
  await row.getByRole('button', { name: `Show details of ${name}` }).click();
}

const JSON_ADDITIONS = {
  runtime: {
    type: 'object',
    title: 'Runtime',
    properties: { memory_mb: { type: 'integer', minimum: 64 }, language: { type: 'string', enum: ['go', 'typescript'] } },
    required: ['language'],
  },
  endpoints: {
    type: 'array',
    title: 'Endpoints',
    items: { type: 'object', properties: { url: { type: 'string', format: 'uri' }, port: { type: 'integer' } }, required: ['url'] },
  },
};

test('design a blueprint with every type and format, in the builder and in JSON', async ({ page, request }) => {
  test.setTimeout(90_000);
  const owner = await register(request, 'designer');
  const team = await createTeam(request, owner.token);
  await signIn(page, owner.email, owner.password);
  await page.goto(`/t/${team.slug}`);
  await page.getByRole('link', { name: 'New blueprint' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/new-blueprint$`));

  await page.getByLabel('Title').fill('Payment Service');
  await expect(page.getByLabel('Identifier')).toHaveValue('payment-service');
  await page.getByRole('button', { name: /Choose an icon/ }).click();
  await page.getByLabel('Search icons').fill('rocket');
  await page.getByLabel('Search icons').press('Enter');
  await expect(page.getByRole('button', { name: /Icon: 🚀/ })).toBeVisible();

  // The builder: one property per type and format.
  await addProperty(page, 'owner_email', { format: 'email', required: true });
  await addProperty(page, 'homepage', { format: 'uri' });
  await addProperty(page, 'launched', { format: 'date' });
  await addProperty(page, 'deployed_at', { format: 'date-time' });
  await addProperty(page, 'version', { format: 'semver', required: true });
  await addProperty(page, 'readme', { format: 'markdown' });
  const lifecycle = await addProperty(page, 'lifecycle');
  await openDetails(lifecycle, 'lifecycle');
  await lifecycle.getByLabel(/Allowed values/).fill('experimental, production, deprecated');
  await lifecycle.getByLabel('Default').selectOption('"production"');
  const tier = await addProperty(page, 'tier', { type: 'integer' });
  await openDetails(tier, 'tier');
  await tier.getByLabel('Minimum').fill('1');
  await tier.getByLabel('Maximum').fill('4');
  await addProperty(page, 'ratio', { type: 'number' });
  await addProperty(page, 'public', { type: 'boolean' });
  const tags = await addProperty(page, 'tags', { type: 'array' });
  await openDetails(tags, 'tags');
  await tags.getByLabel('Max items').fill('5');
  // Reordered: `version` moves up above `readme` with the keyboard.
  await page
    .locator('[data-testid="property-/properties/version"]')
    .getByLabel(/^Name of property \d+$/)
    .press('Alt+ArrowDown');

  // The builder wrote the JSON pane.
  const json = page.locator('#schema-json');
  await expect(json).toContainText('"owner_email"');
  // The JSON pane: a broken edit is shown and changes nothing; a valid one appears in the builder.
  const valid = await json.inputValue();
  await json.fill(valid.slice(0, -3));
  await expect(page.getByText(/Line \d+, column \d+/)).toBeVisible();
  await expect(page.locator('[data-testid="property-/properties/tags"]')).toBeVisible();
  const schema = JSON.parse(valid) as { properties: Record<string, unknown> };
  Object.assign(schema.properties, JSON_ADDITIONS);
  await json.fill(JSON.stringify(schema, null, 2));
  await expect(page.locator('[data-testid="property-/properties/runtime"]')).toBeVisible();
  await expect(page.locator('[data-testid="property-/properties/runtime/properties/language"]')).toBeVisible();
  await expect(page.locator('[data-testid="property-/properties/endpoints/items/properties/url"]')).toBeVisible();
  await page.locator('[data-testid="property-/properties/runtime"]').getByLabel('Title of runtime').fill('Runtime environment');
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screenshots/blueprint-editor.png', fullPage: false });

  await page.getByRole('button', { name: 'Create blueprint' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/payment-service$`));

  const stored = await (await call(request, 'GET', `/teams/${team.slug}/blueprints/payment-service`, { token: owner.token })).json();
  expect(stored).toMatchObject({ id: 'payment-service', title: 'Payment Service', icon: '🚀' });
  expect(Object.keys(stored.schema.properties)).toEqual([
    'owner_email',
    'homepage',
    'launched',
    'deployed_at',
    'readme',
    'version',
    'lifecycle',
    'tier',
    'ratio',
    'public',
    'tags',
    'runtime',
    'endpoints',
  ]);
  expect(stored.schema).toEqual({
    type: 'object',
    properties: {
      owner_email: { type: 'string', format: 'email' },
      homepage: { type: 'string', format: 'uri' },
      launched: { type: 'string', format: 'date' },
      deployed_at: { type: 'string', format: 'date-time' },
      readme: { type: 'string', format: 'markdown' },
      version: { type: 'string', format: 'semver' },
      lifecycle: { type: 'string', enum: ['experimental', 'production', 'deprecated'], default: 'production' },
      tier: { type: 'integer', minimum: 1, maximum: 4 },
      ratio: { type: 'number' },
      public: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 5 },
      runtime: { ...JSON_ADDITIONS.runtime, title: 'Runtime environment' },
      endpoints: JSON_ADDITIONS.endpoints,
    },
    required: ['owner_email', 'version'],
  });
});

test('a change existing entities fail asks first and can be forced; bad schemas are shown inline; delete shows what goes', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const owner = await register(request, 'designer');
  const team = await createTeam(request, owner.token);
  const base = `/teams/${team.slug}/blueprints`;
  expect(
    (
      await call(request, 'POST', base, {
        token: owner.token,
        body: { id: 'service', title: 'Service', schema: { type: 'object', properties: { tier: { type: 'integer' } } } },
      })
    ).status(),
  ).toBe(201);
  for (const identifier of ['api', 'web']) {
    expect(
      (await call(request, 'POST', `${base}/service/entities`, { token: owner.token, body: { identifier, data: { tier: 1 } } })).status(),
    ).toBe(201);
  }
  await signIn(page, owner.email, owner.password);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await page.getByRole('link', { name: 'Edit blueprint' }).click();

  // An invalid regex is flagged on the property (the server's own check, run as it is typed).
  const owner_ = await addProperty(page, 'owner', { required: true });
  await openDetails(owner_, 'owner');
  await owner_.getByLabel(/Pattern/).fill('[unclosed');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(owner_.getByRole('alert')).toContainText(/pattern/i);

  // Fixed, the change is still one both entities fail: the dialog says so, with the sample.
  await owner_.getByLabel(/Pattern/).fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('2 existing entities fail the new schema');
  await expect(dialog.getByLabel('Failing entities')).toContainText('api');
  await expect(dialog.getByLabel('Failing entities')).toContainText('/owner: Required');
  await page.screenshot({ path: 'test-results/screenshots/blueprint-force.png' });
  await dialog.getByRole('button', { name: 'Apply anyway' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service$`));
  const stored = await (await call(request, 'GET', `${base}/service`, { token: owner.token })).json();
  expect(stored.schema.required).toEqual(['owner']);
  expect(stored.version).toBe(2);

  // Delete: the dry run's count, the typed confirmation, then gone.
  await page.getByRole('link', { name: 'Edit blueprint' }).click();
  await page.getByRole('button', { name: 'Delete blueprint' }).click();
  await expect(page.getByTestId('delete-impact')).toContainText('2 entities');
  const confirm = page.getByRole('dialog').getByRole('button', { name: 'Delete blueprint' });
  await expect(confirm).toBeDisabled();
  await page.getByRole('dialog').getByRole('textbox').fill('service');
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}$`));
  expect((await call(request, 'GET', `${base}/service`, { token: owner.token })).status()).toBe(404);
});

test('saving a blueprint in the editor keeps its relations', async ({ page, request }) => {
  const owner = await register(request, 'designer');
  const team = await createTeam(request, owner.token);
  const base = `/teams/${team.slug}/blueprints`;
  const schema = { type: 'object', properties: { region: { type: 'string' } } };
  expect((await call(request, 'POST', base, { token: owner.token, body: { id: 'cluster', title: 'Cluster', schema } })).status()).toBe(201);
  const relations = {
    runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one', required: false },
    uses: { title: null, target: 'cluster', type: 'many-to-many', required: false },
  };
  expect(
    (await call(request, 'POST', base, { token: owner.token, body: { id: 'service', title: 'Service', schema, relations } })).status(),
  ).toBe(201);
  await signIn(page, owner.email, owner.password);
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  await page.getByLabel('Title', { exact: true }).fill('Service (edited)');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service$`));
  const stored = await (await call(request, 'GET', `${base}/service`, { token: owner.token })).json();
  expect(stored).toMatchObject({ title: 'Service (edited)', relations });
});

test('a save that lost a race says so and offers a reload; a viewer gets no editor', async ({ page, request }) => {
  const owner = await register(request, 'designer');
  const team = await createTeam(request, owner.token);
  const base = `/teams/${team.slug}/blueprints`;
  expect(
    (
      await call(request, 'POST', base, {
        token: owner.token,
        body: { id: 'service', title: 'Service', schema: { type: 'object', properties: {} } },
      })
    ).status(),
  ).toBe(201);
  await signIn(page, owner.email, owner.password);
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  // Someone else saves first.
  expect((await call(request, 'PATCH', `${base}/service`, { token: owner.token, body: { title: 'Their title' } })).status()).toBe(200);
  await page.getByLabel('Title', { exact: true }).fill('My title');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'has changed' })).toBeVisible();
  await page.getByRole('button', { name: 'Reload latest version' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Their title');
  expect((await (await call(request, 'GET', `${base}/service`, { token: owner.token })).json()).title).toBe('Their title');

  const viewer = await register(request, 'viewer');
  await addMember(request, owner.token, team.slug, viewer.email, 'viewer');
  await page.context().clearCookies();
  await signIn(page, viewer.email, viewer.password);
  await page.goto(`/t/${team.slug}`);
  await expect(page.getByRole('link', { name: 'New blueprint' })).toHaveCount(0);
  const forbidden = await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  expect(forbidden?.status()).toBe(403);
});
