import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Names that are also Object.prototype members (`constructor`, `toString`, `valueOf`,
// `hasOwnProperty`) as a blueprint id, its properties and another blueprint's relations: the
// entity page and the catalog table render them like any other name (an entity with no link for
// a relation shows "none", never the prototype's function), and the API reads answer 200.

const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;
const LABELS = ['Constructor', 'To string', 'Value of', 'Has own property'];
const TARGET = {
  type: 'object',
  properties: {
    constructor: { type: 'string' },
    toString: { type: 'number' },
    valueOf: { type: 'array', items: { type: 'string' } },
    hasOwnProperty: { type: 'boolean' },
  },
};

async function seed(request: APIRequestContext) {
  const admin = await register(request, 'proto-names');
  const team = await createTeam(request, admin.token);
  const t = admin.token;
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, t, team.slug, { id: 'constructor', title: 'Constructor', schema: TARGET });
  const types = { constructor: 'many-to-many', toString: 'many-to-one', valueOf: 'one-to-many', hasOwnProperty: 'one-to-one' };
  await createBlueprint(request, t, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { plain: { type: 'string' } } },
    relations: Object.fromEntries(NAMES.map((n) => [n, { target: 'constructor', type: types[n] }])),
  });
  for (const n of [1, 2, 3]) {
    const data = { constructor: `c${n}`, toString: n, valueOf: [`v${n}`], hasOwnProperty: n % 2 === 0 };
    await expectJson(
      await call(request, 'POST', `${base}/constructor/entities`, { token: t, body: { identifier: `t${n}`, title: `Target ${n}`, data } }),
      201,
      `t${n}`,
    );
  }
  // s1 links through three relations (not hasOwnProperty); s2 has no link at all.
  const relations = { constructor: ['t1', 't2'], toString: 't1', valueOf: ['t3'] };
  await expectJson(
    await call(request, 'POST', `${base}/service/entities`, {
      token: t,
      body: { identifier: 's1', title: 'Service 1', data: { plain: 'p1' }, relations },
    }),
    201,
    's1',
  );
  await expectJson(
    await call(request, 'POST', `${base}/service/entities`, { token: t, body: { identifier: 's2', title: 'Service 2', data: {} } }),
    201,
    's2',
  );
  return { admin, slug: team.slug, base };
}

test('the entity page and the catalog table render relations and properties named like Object.prototype members', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const { admin, slug, base } = await seed(request);
  for (const path of [
    `${base}/service/entities?include=related`,
    `${base}/service/entities/s1?include=related`,
    `${base}/constructor/entities/t1`,
  ]) {
    await expectJson(await call(request, 'GET', path, { token: admin.token }), 200, path);
  }
  await signIn(page, admin.email, admin.password);

  await page.goto(`/t/${slug}/blueprints/service/entities/s1`);
  await expect(page.getByTestId('entity-identifier')).toHaveText('s1');
  await expect(page.getByTestId('relation-constructor').getByRole('link')).toHaveText([/^Target 1/, /^Target 2/]);
  await expect(page.getByTestId('relation-toString').getByRole('link')).toHaveText([/^Target 1/]);
  await expect(page.getByTestId('relation-valueOf').getByRole('link')).toHaveText([/^Target 3/]);
  await expect(page.getByTestId('relation-hasOwnProperty')).toContainText('none');

  await page.goto(`/t/${slug}/blueprints/service/entities/s2`);
  await expect(page.getByTestId('entity-identifier')).toHaveText('s2');
  for (const n of NAMES) await expect(page.getByTestId(`relation-${n}`)).toContainText('none');

  await page.goto(`/t/${slug}/blueprints/constructor/entities/t2`);
  await expect(page.locator('[data-property="constructor"] dd')).toHaveText('c2');
  await expect(page.locator('[data-property="toString"] dd')).toHaveText('2');
  await expect(page.locator('[data-property="valueOf"] dd')).toHaveText('v2');
  await expect(page.locator('[data-property="hasOwnProperty"] dd')).toHaveText('Yes');

  await page.goto(`/t/${slug}/blueprints/service?cols=plain,${NAMES.join(',')}`);
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  // Headers read as the names humanised (no titles given).
  for (const label of LABELS) await expect(page.getByRole('columnheader', { name: label, exact: true })).toBeVisible();
  const s1 = page.locator('tbody tr[data-identifier="s1"]');
  await expect(s1.getByRole('link', { name: 'Target 2' })).toHaveAttribute('href', `/t/${slug}/blueprints/constructor/entities/t2`);
  await expect(s1.getByRole('link', { name: 'Target 3' })).toBeVisible();
  await expect(page.locator('tbody tr[data-identifier="s2"]')).toBeVisible();
  await expect(page.locator('tbody tr[data-identifier="s2"]').getByRole('link')).toHaveCount(1); // the entity itself only

  await page.goto(`/t/${slug}/blueprints/constructor?cols=${NAMES.join(',')}`);
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('tbody tr[data-identifier]')).toHaveCount(3);
  await expect(page.locator('tbody tr[data-identifier="t1"]')).toContainText('c1');
});
