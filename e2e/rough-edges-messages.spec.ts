import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectError, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Issue 15's rough edges (part 1), as a person meets them: the audit log names entities by title
// and blueprint, linked; the blueprint page's header and default columns and facets; history diffs
// and graph labels by title, the labels apart; the blueprint editor flags an invalid schema as it
// is typed and its refusals go once fixed; the entity form's problem count follows the fields; the
// members page shows one error at a time; messages are sentences, never ajv's own words.

const RAW_AJV = /must NOT|must have required property|must be equal to|must match pattern/;

const SERVICE_SCHEMA = {
  type: 'object',
  properties: {
    owner: { type: 'string', title: 'Owner', maxLength: 60 },
    replicas: { type: 'integer', title: 'Replicas' },
    lifecycle: { type: 'string', title: 'Lifecycle', enum: ['production', 'retired'] },
    summary: { type: 'string', title: 'Summary' },
    on_call: { type: 'boolean', title: 'On call' },
  },
};

/** The texts of the elements, as written (not as CSS transforms them). */
const texts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/[▲▼↑↓]/g, '').trim()));

test('audit rows, the blueprint header, default columns and facets, history diffs and graph labels speak in titles', async ({
  page,
  request,
}) => {
  const admin = await register(request, 'rough-r');
  const team = await createTeam(request, admin.token);
  const t = admin.token;
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, t, team.slug, { id: 'squad', title: 'Squad', schema: { type: 'object', properties: {} } });
  await createBlueprint(request, t, team.slug, {
    id: 'service',
    title: 'Service',
    description: 'Services we run',
    schema: SERVICE_SCHEMA,
    relations: {
      owned_by: { target: 'squad', type: 'many-to-one', title: 'Owned by' },
      supported_by: { target: 'squad', type: 'many-to-one', title: 'Supported by' },
    },
  });
  for (const identifier of ['core', 'ops'])
    await expectJson(await call(request, 'POST', `${base}/squad/entities`, { token: t, body: { identifier, data: {} } }), 201, identifier);
  await expectJson(
    await call(request, 'POST', `${base}/service/entities`, {
      token: t,
      body: {
        identifier: 'pay',
        title: 'Payments',
        data: { owner: 'ann', replicas: 2, lifecycle: 'production', summary: 'Takes the money', on_call: true },
        relations: { owned_by: 'core', supported_by: 'core' },
      },
    }),
    201,
    'service pay',
  );
  await expectJson(
    await call(request, 'PATCH', `${base}/service/entities/pay`, {
      token: t,
      body: { data: { replicas: 3 }, relations: { owned_by: 'ops' } },
    }),
    200,
    'patch pay',
  );
  await signIn(page, admin.email, PASSWORD);

  // The audit log: the entity by its title, linked to its page, with its blueprint; no UUID prefix.
  await page.goto(`/t/${team.slug}/audit?entity_type=entity`);
  const payRows = page.getByTestId('audit-entry').filter({ hasText: 'Payments' });
  await expect(payRows).toHaveCount(2);
  const resource = payRows.first().getByTestId('audit-entity');
  await expect(resource.getByRole('link', { name: 'Payments' })).toHaveAttribute('href', `/t/${team.slug}/blueprints/service/entities/pay`);
  await expect(resource).toContainText('Service');
  await expect(resource).not.toContainText(/[0-9a-f]{8}…/);
  await page.screenshot({ path: 'test-results/screenshots/audit-entity-rows.png' });

  // The blueprint page: description and count apart; columns in the schema's order; facets for the
  // enum, the boolean and the bounded string, not for free text.
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.getByTestId('blueprint-description')).toHaveText('Services we run');
  await expect(page.getByTestId('blueprint-count')).toHaveText('1 entity');
  await expect(page.getByRole('main').getByText('Services we run · 1 entity')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'ann' })).toBeVisible();
  const headers = (await texts(page, 'main table thead th')).filter((h) =>
    ['Owner', 'Replicas', 'Lifecycle', 'Summary', 'On call'].includes(h),
  );
  expect(headers).toEqual(['Owner', 'Replicas', 'Lifecycle', 'Summary']);
  const facets = page.getByRole('complementary', { name: 'Facets' });
  await expect(facets.getByRole('checkbox', { name: /^production/ })).toBeVisible();
  expect(await texts(page, 'aside[aria-label="Facets"] h2')).toEqual(['Owner', 'Lifecycle', 'On call']);

  // History: the diff names the property and the relation by their titles.
  await page.goto(`/t/${team.slug}/blueprints/service/entities/pay/history`);
  const diff = page.getByRole('region', { name: 'Changes from version 1 to version 2' });
  await expect(diff.locator('[data-diff-path="replicas"] td').first()).toHaveText('Replicas');
  await expect(diff.locator('[data-diff-scope="relation"][data-diff-path="owned_by"] td').first()).toHaveText('Owned by');
  await expect(diff.locator('[data-diff-scope="relation"][data-diff-path="owned_by"]')).toContainText(/core[\s\S]*ops|ops[\s\S]*core/);
  await expect(diff).not.toContainText('owned_by');

  // The graph: relation titles on the links, one label for the two links between the same two
  // entities, and no two labels overlapping (five links among four entities, three labels).
  await expectJson(
    await call(request, 'PATCH', `${base}/service/entities/pay`, {
      token: t,
      body: { relations: { owned_by: 'core', supported_by: 'core' } },
    }),
    200,
    'both links to core',
  );
  // Three services beside each other, each linked to core: their labels sit close.
  for (const [identifier, relations] of [
    ['ledger', { owned_by: 'core' }],
    ['billing', { owned_by: 'core', supported_by: 'core' }],
  ] as const) {
    await expectJson(
      await call(request, 'POST', `${base}/service/entities`, { token: t, body: { identifier, data: {}, relations } }),
      201,
      identifier,
    );
  }
  await page.goto(`/t/${team.slug}/blueprints/squad/entities/core/graph`);
  await expect(page.getByTestId('graph-node')).toHaveCount(4);
  const labels = page.locator('.react-flow__edge-text');
  await expect(labels.filter({ hasText: 'Owned by, Supported by' })).toHaveCount(2);
  expect((await texts(page, '.react-flow__edge-text')).sort()).toEqual(['Owned by', 'Owned by, Supported by', 'Owned by, Supported by']);
  const rects = (selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
  type Rect = Awaited<ReturnType<typeof rects>>[number];
  const apart = (a: Rect, b: Rect) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
  const boxes = await rects('.react-flow__edge-textbg');
  const nodeBoxes = await rects('.react-flow__node');
  expect(boxes).toHaveLength(3);
  expect(nodeBoxes).toHaveLength(4);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) expect(apart(a, b), 'two labels overlap').toBe(true);
    // Nor is a label hidden under an entity.
    for (const n of nodeBoxes) expect(apart(a, n), 'a label under a node').toBe(true);
  }
  await page.screenshot({ path: 'test-results/screenshots/graph-edge-labels.png' });
});

test('the blueprint editor flags an invalid schema before saving in the server words, and its refusals go once fixed', async ({
  page,
  request,
}) => {
  const admin = await register(request, 'rough-r-editor');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } },
  });
  // What the server says of the same schema.
  const server = await expectError(
    await call(request, 'PUT', `/teams/${team.slug}/blueprints/service`, {
      token: admin.token,
      body: { title: 'Service', schema: { type: 'object', properties: { name: { type: 'strnig' } } } },
    }),
    422,
    'a schema with "type": "strnig"',
  );
  const serverMessage = server.error.details?.find((d) => d.path === '/schema/properties/name/type')?.message;
  expect(serverMessage).toBe('Must be one of: array, boolean, integer, null, number, object, string');

  await signIn(page, admin.email, PASSWORD);
  // No entities yet: the empty state says how they come (true next to its New entity button), and
  // the header, without a description, is the count alone.
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.getByText('No service entities yet')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Editors add them with New entity, or through the REST API.');
  await expect(page.getByRole('main')).not.toContainText('integration');
  await expect(page.getByTestId('blueprint-count')).toHaveText('0 entities');
  await expect(page.getByTestId('blueprint-description')).toHaveCount(0);
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  const json = page.getByLabel('JSON Schema');
  await expect(json).toHaveValue(/"name"/);
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('/blueprints/service')) writes.push(r.url());
  });

  // Valid JSON, invalid schema: flagged at once, in the server's words, and not sent.
  const valid = await json.inputValue();
  await json.fill(valid.replace('"type": "string"', '"type": "strnig"'));
  const property = page.getByTestId('property-/properties/name');
  await expect(property.getByRole('alert')).toContainText(serverMessage!);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Fix the schema first' });
  await expect(refusal).toBeVisible();
  // Fixed: the flag and the refusal go at once.
  await json.fill(valid);
  await expect(property.getByRole('alert')).toHaveCount(0);
  await expect(refusal).toHaveCount(0);

  // Broken JSON: "Fix the JSON Schema first", gone as soon as the JSON parses again.
  await json.fill(`${valid}}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const jsonRefusal = page.getByRole('alert').filter({ hasText: 'Fix the JSON Schema first' });
  await expect(jsonRefusal).toBeVisible();
  await json.fill(valid);
  await expect(jsonRefusal).toHaveCount(0);
  expect(writes).toEqual([]);
});

test("the entity form's problem count follows the fields; the members page shows one error at a time; messages are sentences", async ({
  page,
  request,
}) => {
  const admin = await register(request, 'rough-r-form');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: {
      type: 'object',
      required: ['alpha', 'beta', 'gamma'],
      properties: {
        alpha: { type: 'string', title: 'Alpha', minLength: 1 },
        beta: { type: 'string', title: 'Beta', minLength: 1 },
        gamma: { type: 'string', title: 'Gamma', minLength: 3 },
      },
    },
  });
  // The server's refusals are sentences too: a request body's and an entity's.
  const role = await expectError(
    await call(request, 'POST', `/teams/${team.slug}/roles`, { token: admin.token, body: { name: '', permissions: [] } }),
    422,
    'a role without a name',
  );
  const entity = await expectError(
    await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
      token: admin.token,
      body: { identifier: 'x', data: { alpha: '', gamma: 'ab' } },
    }),
    422,
    'an entity with faults',
  );
  for (const d of [...(role.error.details ?? []), ...(entity.error.details ?? [])]) expect(d.message).not.toMatch(RAW_AJV);
  expect(entity.error.details).toEqual(
    expect.arrayContaining([
      { path: '/data/beta', message: 'Required' },
      { path: '/data/gamma', message: 'Must be at least 3 characters' },
    ]),
  );

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/new-entity`);
  await page.getByLabel('Identifier').fill('svc');
  await page.getByLabel('Alpha').fill('a');
  await page.getByLabel('Beta').fill('b');
  await page.getByLabel('Gamma').fill('ab');
  // Straight from the bad field to the button: the press submits (leaving the field for the button
  // does not first show its message, which moved the button from under the pointer).
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page.getByText('Must be at least 3 characters')).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'before saving' });
  await expect(notice).toHaveText(/Fix the highlighted field before saving\./);
  // More fields red: the count follows at once.
  await page.getByLabel('Alpha').fill('');
  await page.getByLabel('Beta').fill('');
  await expect(notice).toHaveText(/Fix the 3 highlighted problems before saving\./);
  await expect(page.getByText(RAW_AJV)).toHaveCount(0);
  // Fewer, then none: the notice follows, then goes.
  await page.getByLabel('Alpha').fill('a');
  await expect(notice).toHaveText(/Fix the 2 highlighted problems before saving\./);
  await page.getByLabel('Beta').fill('b');
  await page.getByLabel('Gamma').fill('abc');
  await expect(notice).toHaveCount(0);

  // Members: a refused demotion of the last admin, then a refused addition: only the newer shows.
  await page.goto(`/t/${team.slug}/settings/members`);
  const row = page.getByTestId(`member-${admin.email}`);
  await row.getByRole('combobox').selectOption('viewer');
  await expect(row.getByRole('alert')).toContainText('last admin');
  await expect(row.getByRole('alert')).toHaveText(/^[A-Z]/);
  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Email of an existing account').fill(`nobody-${Date.now()}@example.com`);
  await form.getByRole('button', { name: 'Add member' }).click();
  await expect(form.getByRole('alert')).toContainText(/^No account uses/);
  await expect(form.getByRole('alert')).toHaveText(/^[A-Z]/);
  await expect(row.getByRole('alert')).toHaveCount(0);
  // Typing another address: the refusal of the old one goes.
  await form.getByLabel('Email of an existing account').fill('someone@example.com');
  await expect(form.getByRole('alert')).toHaveCount(0);
});
