import { expect, test } from '@playwright/test';
import { addMember, createBlueprint, createRole, createTeam, register } from './support/api';
import { signIn } from './support/ui';

// The team's API reference page: the blueprint's typed entity endpoints with their body schema,
// the document to download, and the side-nav link only for those who may read blueprints.

const SCHEMA = {
  type: 'object',
  required: ['lifecycle', 'owner'],
  properties: {
    lifecycle: { type: 'string', title: 'Lifecycle', enum: ['experimental', 'production', 'deprecated'] },
    tier: { type: 'integer', minimum: 1, maximum: 4, description: '1 is business-critical' },
    repository: { type: 'string', format: 'uri' },
    owner: { $ref: '#/$defs/person' },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['port'],
        properties: { port: { type: 'integer' }, protocol: { type: 'string', enum: ['tcp', 'udp'] } },
      },
    },
  },
  $defs: {
    person: {
      type: 'object',
      required: ['email'],
      properties: { email: { type: 'string', format: 'email' }, role: { type: 'string', enum: ['lead', 'member'] } },
    },
  },
};

test("a member opens the API reference, finds the blueprint's typed entity endpoint and its body schema, and downloads the document", async ({
  page,
  request,
}) => {
  const admin = await register(request, 'apiref');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    description: 'A deployable unit.',
    schema: SCHEMA,
  });
  await signIn(page, admin.email, admin.password);

  await page.goto(`/t/${team.slug}`);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'API reference' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/api-reference$`));
  await expect(page.getByRole('heading', { name: 'API reference' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Authenticate' })).toContainText('Authorization: Bearer bp_');
  await expect(page.getByLabel('Generate TypeScript types')).toContainText('npx openapi-typescript');
  await page.screenshot({ path: 'test-results/screenshots/api-reference-top.png' });

  // The blueprint's own section, its create endpoint found through the index on the left.
  const section = page.getByRole('region', { name: 'Blueprint: service' });
  await expect(section).toBeVisible();
  await page.getByRole('navigation', { name: 'API reference' }).getByRole('link', { name: 'Create an entity' }).first().click();
  await expect(page).toHaveURL(/#op-createserviceentity$/);
  const create = page.locator('details[data-operation="createServiceEntity"]');
  await expect(create).toHaveAttribute('open', ''); // following the link unfolded it
  await expect(create.locator('summary').first()).toContainText(`/api/v1/teams/${team.slug}/blueprints/service/entities`);
  await expect(create.locator('summary').first()).toContainText('entity:write');
  // Folding is by keyboard too: the summary closes and opens it again.
  await create.locator('summary').first().focus();
  await page.keyboard.press('Enter');
  await expect(create).not.toHaveAttribute('open');
  await page.keyboard.press('Enter');
  await expect(create).toHaveAttribute('open', '');
  const body = create.getByRole('heading', { name: 'Request body (application/json)' }).locator('..');
  await expect(body).toContainText('ServiceEntityInput');
  await expect(body).toContainText('lifecycle');
  await expect(body).toContainText('"production"');
  await expect(body).toContainText('1 is business-critical');
  await expect(body.getByText('email', { exact: true }).first()).toBeVisible(); // $defs person, nested under owner
  await page.screenshot({ path: 'test-results/screenshots/api-reference.png', fullPage: false });

  // The download link serves this team's document (the browser's session is enough).
  const href = await page.getByRole('link', { name: 'Download openapi.json' }).getAttribute('href');
  expect(href).toBe(`/api/v1/teams/${team.slug}/openapi.json`);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/api/v1/teams/{team}/blueprints/service/entities');
  expect(Object.keys(doc.components.schemas)).toContain('ServiceEntityInput');
});

test('with six blueprints the page is under 300 kB, its paths show the slug, a search filters the endpoints, details come when opened', async ({
  page,
  request,
}) => {
  const admin = await register(request, 'apiref-size');
  const team = await createTeam(request, admin.token);
  for (const id of ['service', 'system', 'database', 'queue', 'library', 'website']) {
    await createBlueprint(request, admin.token, team.slug, { id, title: id[0].toUpperCase() + id.slice(1), schema: SCHEMA });
  }
  await signIn(page, admin.email, admin.password);

  // The first paint: the HTML of the page's response (the browser's session cookie sent along).
  const response = await page.request.get(`/t/${team.slug}/api-reference`);
  expect(response.status()).toBe(200);
  const html = await response.body();
  console.log(`API reference HTML: ${html.length} bytes`);
  expect(html.length).toBeLessThan(300_000);
  // No endpoint's details in it (they are rendered when opened), and no `{team}` in a path.
  expect(html.toString()).not.toContain('Request body (application/json)');
  expect(html.toString()).not.toContain('/api/v1/teams/{team}/');

  await page.goto(`/t/${team.slug}/api-reference`);
  const lines = page.locator('details[data-operation]');
  const total = await lines.count();
  expect(total).toBeGreaterThan(60);
  await expect(lines.first().locator('summary')).toContainText(`/api/v1/teams/${team.slug}/`);

  // The search keeps the endpoints whose method, path, summary or permission hold every word.
  const search = page.getByRole('searchbox', { name: 'Search the endpoints' });
  await search.fill('queue create');
  await expect(lines).toHaveCount(1);
  await expect(page.locator('details[data-operation="createQueueEntity"]')).toBeVisible();
  await expect(page.getByTestId('endpoint-count')).toHaveText('1 endpoint matches');
  await expect(page.getByRole('navigation', { name: 'API reference' }).getByRole('link', { name: 'Create an entity' })).toHaveCount(1);
  await search.fill('no such endpoint at all');
  await expect(lines).toHaveCount(0);
  await expect(page.getByText('No endpoint matches “no such endpoint at all”.')).toBeVisible();
  await search.fill('');
  await expect(lines).toHaveCount(total);

  // Opened, an endpoint shows its details, rendered from the document.
  const create = page.locator('details[data-operation="createDatabaseEntity"]');
  await create.locator('summary').click();
  await expect(create.getByRole('heading', { name: 'Request body (application/json)' })).toBeVisible();
  await expect(create).toContainText('DatabaseEntityInput');
  await expect(create).toContainText('1 is business-critical');
});

test('the API reference is not in the navigation of a member without blueprint:read, and its page is 403', async ({ page, request }) => {
  const admin = await register(request, 'apiref-admin');
  const team = await createTeam(request, admin.token);
  const role = await createRole(request, admin.token, team.slug, ['entity:read']);
  const member = await register(request, 'apiref-member');
  await addMember(request, admin.token, team.slug, member.email, role.name);
  await signIn(page, member.email, member.password);
  await page.goto(`/t/${team.slug}/settings/members`);
  await expect(page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'API reference' })).toHaveCount(0);
  const response = await page.goto(`/t/${team.slug}/api-reference`);
  expect(response?.status()).toBe(403);
});
