import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Leaving a form with edits asks first (issue 15): the entity form (new and edit), the blueprint
// editor and the role form. Declining keeps the page and the edits; accepting leaves. A form
// that was saved, or never touched, lets the person go without a word.

test.describe.configure({ timeout: 120_000 });

/** Clicks a link of the portal's navigation, answers the question the page asks, and returns it. */
async function leaveBy(page: Page, link: string, accept: boolean): Promise<string> {
  const asked = page.waitForEvent('dialog');
  void page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: link, exact: true }).click();
  const dialog = await asked;
  const message = dialog.message();
  await (accept ? dialog.accept() : dialog.dismiss());
  return message;
}

test('the entity form, the blueprint editor and the role form ask before edits are lost', async ({ page, request }) => {
  const admin = await register(request, 'guard');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { owner: { type: 'string', title: 'Owner' } } },
  });
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
      token: admin.token,
      body: { identifier: 'api', title: 'API', data: {} },
    }),
    201,
    'entity',
  );
  await signIn(page, admin.email, PASSWORD);

  // A new entity: untouched, leaving is silent; with a title typed, it asks.
  await page.goto(`/t/${team.slug}/blueprints/service/new-entity`);
  await page.getByLabel('Title').fill('Payments');
  expect(await leaveBy(page, 'Members', false)).toBe('You have unsaved changes to this new entity. Leave without saving?');
  await expect(page).toHaveURL(/\/new-entity$/);
  await expect(page.getByLabel('Title')).toHaveValue('Payments');
  await leaveBy(page, 'Members', true);
  await expect(page).toHaveURL(/\/settings\/members$/);

  // An edit that is saved leaves without a question.
  await page.goto(`/t/${team.slug}/blueprints/service/entities/api/edit`);
  await page.getByLabel('Title').fill('The API');
  expect(await leaveBy(page, 'Members', false)).toContain('this entity');
  page.on('dialog', (d) => {
    throw new Error(`unexpected question: ${d.message()}`);
  });
  await page.getByRole('button', { name: /^Save/ }).click();
  await expect(page).toHaveURL(new RegExp(`/blueprints/service/entities/api$`));
  page.removeAllListeners('dialog');

  // The blueprint editor.
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  await page.getByLabel('Title', { exact: true }).fill('Services');
  expect(await leaveBy(page, 'Members', false)).toContain('this blueprint');
  await expect(page).toHaveURL(/\/blueprints\/service\/edit$/);

  // The role form.
  await page.goto(`/t/${team.slug}/settings/roles`);
  await page.getByRole('button', { name: 'New role' }).click();
  await page.getByLabel('Role name').fill('Auditor');
  expect(await leaveBy(page, 'Members', false)).toContain('this new role');
  await expect(page.getByLabel('Role name')).toHaveValue('Auditor');
});
