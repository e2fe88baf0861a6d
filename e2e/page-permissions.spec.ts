import { expect, test } from '@playwright/test';
import { addMember, call, createBlueprint, createRole, createTeam, register } from './support/api';
import { signIn } from './support/ui';

// Pages decide nothing: they call the services the API calls, so a page shows what the API would
// answer the same caller. The blueprint page once asked for entity:read and then showed the whole
// schema, which the API guards with blueprint:read.

const SCHEMA = { type: 'object', properties: { secret_sauce_property: { type: 'string', title: 'Secret sauce property' } } };

test('a blueprint page and its entity pages are 403 for a member whose role lacks blueprint:read, as the API is', async ({
  page,
  request,
}) => {
  const admin = await register(request, 'pages-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  const base = `/teams/${team.slug}/blueprints/service`;
  expect(
    (
      await call(request, 'POST', `${base}/entities`, {
        token: admin.token,
        body: { identifier: 'svc-a', data: { secret_sauce_property: 'x' } },
      })
    ).status(),
  ).toBe(201);
  const role = await createRole(request, admin.token, team.slug, ['entity:read']);
  const reader = await register(request, 'pages-reader');
  await addMember(request, admin.token, team.slug, reader.email, role.name);

  // The API: entities yes, the blueprint (its schema) no.
  expect((await call(request, 'GET', `${base}/entities`, { token: reader.token })).status()).toBe(200);
  expect((await call(request, 'GET', base, { token: reader.token })).status()).toBe(403);

  await signIn(page, reader.email, reader.password);
  for (const path of [`/t/${team.slug}/blueprints/service`, `/t/${team.slug}/blueprints/service/entities/svc-a`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
    expect(await page.content(), path).not.toContain('secret_sauce_property');
  }
});

test('the same pages open for a member who holds both permissions the services need', async ({ page, request }) => {
  const admin = await register(request, 'pages-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  const role = await createRole(request, admin.token, team.slug, ['entity:read', 'blueprint:read']);
  const reader = await register(request, 'pages-reader');
  await addMember(request, admin.token, team.slug, reader.email, role.name);

  await signIn(page, reader.email, reader.password);
  const response = await page.goto(`/t/${team.slug}/blueprints/service`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'service', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New entity' })).toHaveCount(0); // no entity:write
});
