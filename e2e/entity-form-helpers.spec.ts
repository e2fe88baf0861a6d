import { expect, test } from '@playwright/test';
import { createBlueprint, createTeam, PASSWORD, register } from './support/api';
import { signIn } from './support/ui';

// Issue 15 item 5: the new-entity form suggests the identifier from the title, until the person
// types an identifier of their own; a markdown property is written with a preview.

test("a new entity's identifier follows its title until one is typed", async ({ page, request }) => {
  const admin = await register(request, 'suggest-id');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service' });
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/new-entity`);

  const title = page.getByLabel('Title');
  const identifier = page.getByLabel('Identifier');
  // Typed again until the form has hydrated and answers (a busy machine hydrates late).
  await expect(async () => {
    await title.fill('');
    await title.fill('Payments API (EU)');
    await expect(identifier).toHaveValue('payments-api-eu', { timeout: 1_000 });
  }).toPass();

  await identifier.fill('pay');
  await title.fill('Payments');
  await expect(title).toHaveValue('Payments');
  await expect(identifier).toHaveValue('pay');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page).toHaveURL(new RegExp(`/blueprints/service/entities/pay$`));
});

test('a markdown property is written with a preview of what the entity page will show', async ({ page, request }) => {
  const admin = await register(request, 'markdown');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { readme: { type: 'string', format: 'markdown', title: 'Readme' } } },
  });
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/new-entity`);
  const readme = page.getByLabel('Readme');
  await readme.fill('# Runbook\n\nPage **the on-call** first.');
  const preview = page.getByTestId('markdown-preview');
  // Clicked again until hydrated (the preview appears only once React answers the click).
  await expect(async () => {
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(preview).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(preview.getByRole('heading', { name: 'Runbook' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('the on-call');
  await expect(readme).toBeHidden();
  await page.getByRole('button', { name: 'Write' }).click();
  await expect(readme).toHaveValue('# Runbook\n\nPage **the on-call** first.');
  await page.getByLabel('Identifier').fill('svc');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page).toHaveURL(/\/entities\/svc$/);
  await expect(page.getByRole('heading', { name: 'Runbook' })).toBeVisible();
});
