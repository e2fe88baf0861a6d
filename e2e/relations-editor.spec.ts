import { expect, test } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// The browser's entity editor and relations: the form has no relation pickers yet (a later
// step), and PUT replaces an entity's links, so saving an edit must send back the links the page
// was opened with. Editing the title in the browser keeps the entity's links.

test('an edit saved in the browser keeps the entity\'s links', async ({ page, request }) => {
  const admin = await register(request, 'rel-ui');
  const team = await createTeam(request, admin.token);
  const schema = { type: 'object', properties: { region: { type: 'string' } } };
  await createBlueprint(request, admin.token, team.slug, { id: 'cluster', schema });
  await createBlueprint(request, admin.token, team.slug, { id: 'service', schema, relations: { runs_on: { target: 'cluster', type: 'many-to-one', required: true } } });
  const base = `/teams/${team.slug}/blueprints`;
  await expectJson(await call(request, 'POST', `${base}/cluster/entities`, { token: admin.token, body: { identifier: 'c-eu', data: { region: 'eu' } } }), 201, 'cluster');
  await expectJson(await call(request, 'POST', `${base}/service/entities`, { token: admin.token, body: { identifier: 'api', title: 'API', data: {}, relations: { runs_on: 'c-eu' } } }), 201, 'service');

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/entities/api/edit`);
  await page.getByLabel('Title').fill('API gateway');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service/entities/api$`));

  const saved = await expectJson<{ title: string; relations: unknown }>(await call(request, 'GET', `${base}/service/entities/api`, { token: admin.token }), 200, 'after the edit');
  expect(saved).toMatchObject({ title: 'API gateway', relations: { runs_on: 'c-eu' } });

  // The entity page shows the link, and the target shows where it is linked from.
  const outgoing = page.getByTestId('relation-runs_on');
  await expect(outgoing).toContainText('runs_on');
  await outgoing.getByRole('link', { name: 'c-eu' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/cluster/entities/c-eu$`));
  await expect(page.getByTestId('relations-incoming')).toContainText('api');
  await expect(page.getByTestId('relations-incoming')).toContainText('(service, runs_on)');
  await page.screenshot({ path: 'test-results/screenshots/entity-relations.png' });
});
