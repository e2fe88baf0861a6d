import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createBlueprint, createTeam, getJson, register } from './support/api';
import { signIn } from './support/ui';

// The Groups settings page in Chromium: create a group, add yourself, see it counted; the
// entity the group then owns shows it in its details.

mkdirSync('test-results/screenshots', { recursive: true });

test('create a group, add yourself, and see an entity it owns', async ({ page, request }) => {
  const admin = await register(request, 'groups-ui');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service' });
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}/settings/groups`);
  await expect(page.getByRole('heading', { level: 1, name: 'Groups' })).toBeVisible();
  await expect(page.getByText('No groups yet')).toBeVisible();

  await page.getByRole('button', { name: 'New group' }).click();
  const form = page.getByRole('form', { name: 'New group' });
  await form.getByLabel('Title').fill('Payments');
  await form.getByLabel('Identifier').fill('payments');
  await form.getByRole('button', { name: 'Create group' }).click();
  const card = page.getByTestId('group-payments');
  await expect(card.getByRole('heading', { name: 'Payments' })).toBeVisible();

  await card.getByLabel('Add a member to Payments').selectOption({ label: `E2E groups-ui (${admin.email})` });
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(card.getByRole('list', { name: 'Members of Payments' })).toContainText('E2E groups-ui');
  await expect(card).toContainText('1 member');
  await page.screenshot({ path: 'test-results/screenshots/groups-page.png', fullPage: true });

  const { members } = await getJson<{ members: Array<{ user_id: string }> }>(
    request,
    admin.token,
    `/teams/${team.slug}/groups/payments/members`,
  );
  expect(members.map((m) => m.user_id)).toEqual([admin.user.id]);

  const created = await request.post(`/api/v1/teams/${team.slug}/blueprints/service/entities`, {
    headers: { authorization: `Bearer ${admin.token}` },
    data: { identifier: 'checkout', data: {}, owners: ['payments'] },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/t/${team.slug}/blueprints/service/entities/checkout`);
  await expect(page.getByTestId('entity-owners').getByRole('link', { name: 'payments' })).toBeVisible();
});
