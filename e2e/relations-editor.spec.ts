import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Relations in the browser: defined, renamed and removed in the blueprint editor (a rename keeps
// the links; a removal says what it costs first), linked through the entity form's pickers, and
// kept by an edit that does not touch them (PUT replaces links, so the form must send them back).

const schema = { type: 'object', properties: { region: { type: 'string' } } };

async function entity(request: APIRequestContext, token: string, path: string) {
  return expectJson<{ relations: Record<string, unknown> }>(await call(request, 'GET', path, { token }), 200, path);
}

/** Types into a relation picker and picks the option with this title by keyboard. */
async function pick(page: Page, label: string, text: string, option: string) {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(text);
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await expect(listbox.getByRole('option').first()).toContainText(option);
  await box.press('Enter');
}

test('a relation defined in the blueprint editor gets a picker in the entity form, by cardinality, and a required one is checked first', async ({
  page,
  request,
}) => {
  // A long journey (editor, forms, pages, a delete): more than the default 30 s on a busy CI machine.
  test.slow();
  const admin = await register(request, 'rel-pick');
  const team = await createTeam(request, admin.token);
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, admin.token, team.slug, { id: 'cluster', title: 'Cluster', schema });
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', schema });
  for (const [identifier, title] of [
    ['c-eu', 'EU cluster'],
    ['c-us', 'US cluster'],
  ]) {
    await expectJson(
      await call(request, 'POST', `${base}/cluster/entities`, { token: admin.token, body: { identifier, title, data: {} } }),
      201,
      identifier,
    );
  }
  for (const [identifier, title] of [
    ['db', 'Orders database'],
    ['cache', 'Session cache'],
    ['auth', 'Auth service'],
  ]) {
    await expectJson(
      await call(request, 'POST', `${base}/service/entities`, { token: admin.token, body: { identifier, title, data: {} } }),
      201,
      identifier,
    );
  }

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  const relations = page.getByRole('region', { name: 'Relations' });
  await relations.getByRole('button', { name: '+ Add relation' }).click();
  const first = page.getByTestId('relation-def-0');
  await first.getByLabel('Relation id').fill('runs_on');
  await first.getByLabel('Title of runs_on').fill('Runs on');
  await first.getByLabel('Target of runs_on').selectOption('cluster');
  await first.getByLabel('Cardinality of runs_on').selectOption('many-to-one');
  await first.getByLabel('Required').check();
  await relations.getByRole('button', { name: '+ Add relation' }).click();
  const second = page.getByTestId('relation-def-1');
  await second.getByLabel('Relation id').fill('region');
  await expect(second.getByRole('alert')).toHaveText('A property has this name: pick another id');
  await second.getByLabel('Relation id').fill('depends_on');
  await second.getByLabel('Title of depends_on').fill('Depends on');
  await second.getByLabel('Target of depends_on').selectOption('service');
  await second.getByLabel('Cardinality of depends_on').selectOption('many-to-many');
  await second.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/blueprint-relations-editor.png' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  // The three services have no cluster yet: the server counts them before the relation is saved.
  const dialog = page.getByRole('dialog', { name: 'Some entities lack a link this save makes required' });
  await expect(dialog).toContainText('runs_on becomes required: 3 entities without one');
  await dialog.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service$`));
  const bp = await expectJson<{ relations: unknown }>(
    await call(request, 'GET', `${base}/service`, { token: admin.token }),
    200,
    'blueprint',
  );
  expect(bp.relations).toEqual({
    depends_on: { title: 'Depends on', target: 'service', type: 'many-to-many', required: false },
    runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one', required: true },
  });

  // The form: the required relation is checked before anything is sent.
  await page.goto(`/t/${team.slug}/blueprints/service/new-entity`);
  await page.getByLabel('Identifier').fill('web');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page.getByText('Pick a cluster: this relation is required')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Runs on' })).toBeFocused();
  // One cluster (a second pick replaces the first), several services.
  await pick(page, 'Runs on', 'EU', 'EU cluster');
  await pick(page, 'Runs on', 'c-us', 'US cluster');
  const runsOn = page.getByRole('group', { name: 'Relations' });
  await expect(runsOn.getByTestId('picked-entity')).toHaveCount(1);
  await pick(page, 'Depends on', 'orders', 'Orders database');
  await pick(page, 'Depends on', 'cache', 'Session cache');
  await expect(runsOn.getByTestId('picked-entity')).toHaveText([/Orders database/, /Session cache/, /US cluster/]);
  // A search that finds nothing says so.
  await page.getByRole('combobox', { name: 'Depends on' }).fill('zzz');
  await expect(page.getByRole('status').filter({ hasText: 'No service matches “zzz”.' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Depends on' }).fill('');
  await page.getByRole('combobox', { name: 'Depends on' }).fill('e');
  await expect(page.getByRole('listbox').getByRole('option', { selected: true })).toHaveCount(2);
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screenshots/entity-relation-pickers.png' });
  await page.getByRole('combobox', { name: 'Depends on' }).fill('');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service/entities/web$`));
  expect((await entity(request, admin.token, `${base}/service/entities/web`)).relations).toEqual({
    runs_on: 'c-us',
    depends_on: ['cache', 'db'],
  });

  // The entity page lists the links by relation, with the linked entities' titles.
  await expect(page.getByTestId('relation-depends_on').getByRole('listitem')).toHaveText(['Session cachecache', 'Orders databasedb']);
  await expect(page.getByTestId('relation-runs_on').getByRole('link')).toHaveText('US clusterc-us');
  // Editing: the links are chips with their titles; removing one (its ✕) and saving.
  await page.goto(`/t/${team.slug}/blueprints/service/entities/web/edit`);
  await expect(runsOn.getByTestId('picked-entity')).toHaveText([/^Session cachecache/, /^Orders databasedb/, /^US clusterc-us/]);
  await page.getByRole('button', { name: 'Remove db' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service/entities/web$`));
  expect((await entity(request, admin.token, `${base}/service/entities/web`)).relations).toEqual({
    runs_on: 'c-us',
    depends_on: ['cache'],
  });

  // Deleting a linked entity says who links to it first; the links go with it.
  await page.goto(`/t/${team.slug}/blueprints/cluster/entities/c-us`);
  await page.getByRole('button', { name: 'Delete c-us' }).click();
  const dialog2 = page.getByRole('dialog', { name: 'Delete “c-us”?' });
  await expect(dialog2.getByTestId('delete-entity-impact')).toHaveText('1 link from other entities points to it and goes with it:');
  await expect(dialog2.getByRole('list', { name: 'Entities linking to it' })).toHaveText('web (service, runs_on)');
  await dialog2.getByRole('button', { name: 'Delete entity' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/cluster$`));
  expect((await entity(request, admin.token, `${base}/service/entities/web`)).relations).toEqual({ depends_on: ['cache'] });
});

test('renaming a relation in the editor keeps its links; removing one says what it costs before it saves', async ({ page, request }) => {
  const admin = await register(request, 'rel-rename');
  const team = await createTeam(request, admin.token);
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, admin.token, team.slug, { id: 'cluster', title: 'Cluster', schema });
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema,
    relations: { runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one' } },
  });
  await expectJson(
    await call(request, 'POST', `${base}/cluster/entities`, { token: admin.token, body: { identifier: 'c-eu', data: {} } }),
    201,
    'cluster',
  );
  for (const id of ['api', 'web']) {
    await expectJson(
      await call(request, 'POST', `${base}/service/entities`, {
        token: admin.token,
        body: { identifier: id, data: {}, relations: { runs_on: 'c-eu' } },
      }),
      201,
      id,
    );
  }

  await expectJson(
    await call(request, 'POST', `${base}/service/entities`, { token: admin.token, body: { identifier: 'lonely', data: {} } }),
    201,
    'lonely',
  );

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  const row = page.getByTestId('relation-def-0');
  // Required, while one service has no cluster: said under the list, then counted by the server.
  await row.getByLabel('Required').check();
  await expect(page.getByLabel('Relation changes on save')).toContainText('"runs_on" becomes required');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const unlinked = page.getByRole('dialog', { name: 'Some entities lack a link this save makes required' });
  await expect(unlinked).toContainText('runs_on becomes required: 1 entity without one');
  await unlinked.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service$`));
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  await row.getByLabel('Relation id').fill('hosted_on');
  await expect(row).toContainText('Renamed from “runs_on”: its links are kept.');
  await expect(page.getByLabel('Relation changes on save')).toHaveText(/"runs_on" becomes "hosted_on"; its links are kept\./);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service$`));
  expect((await entity(request, admin.token, `${base}/service/entities/api`)).relations).toEqual({ hosted_on: 'c-eu' });

  // Removing it: named under the list with an undo, then the server's count in a dialog.
  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  await page.getByRole('button', { name: 'Remove relation hosted_on' }).click();
  const changes = page.getByLabel('Relation changes on save');
  await expect(changes).toContainText('"hosted_on" is removed, with all its links.');
  await changes.getByRole('button', { name: 'Undo removing “hosted_on”' }).click();
  await expect(page.getByTestId('relation-def-0').getByLabel('Relation id')).toHaveValue('hosted_on');
  await page.getByRole('button', { name: 'Remove relation hosted_on' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'This save removes 2 links between entities' });
  await expect(dialog).toContainText('hosted_on is removed: 2 links removed');
  await dialog.getByRole('button', { name: 'Back to the editor' }).click();
  expect((await entity(request, admin.token, `${base}/service/entities/api`)).relations).toEqual({ hosted_on: 'c-eu' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove 2 links and save' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service$`));
  expect((await entity(request, admin.token, `${base}/service/entities/api`)).relations).toEqual({});
});

test("an edit saved in the browser keeps the entity's links", async ({ page, request }) => {
  const admin = await register(request, 'rel-ui');
  const team = await createTeam(request, admin.token);
  const schema = { type: 'object', properties: { region: { type: 'string' } } };
  await createBlueprint(request, admin.token, team.slug, { id: 'cluster', schema });
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    schema,
    relations: { runs_on: { target: 'cluster', type: 'many-to-one', required: true } },
  });
  const base = `/teams/${team.slug}/blueprints`;
  await expectJson(
    await call(request, 'POST', `${base}/cluster/entities`, { token: admin.token, body: { identifier: 'c-eu', data: { region: 'eu' } } }),
    201,
    'cluster',
  );
  await expectJson(
    await call(request, 'POST', `${base}/service/entities`, {
      token: admin.token,
      body: { identifier: 'api', title: 'API', data: {}, relations: { runs_on: 'c-eu' } },
    }),
    201,
    'service',
  );

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/entities/api/edit`);
  await page.getByLabel('Title').fill('API gateway');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${team.slug}/blueprints/service/entities/api$`));

  const saved = await expectJson<{ title: string; relations: unknown }>(
    await call(request, 'GET', `${base}/service/entities/api`, { token: admin.token }),
    200,
    'after the edit',
  );
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
