import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// The entity's Graph tab: the neighbourhood from the graph API drawn by React Flow, the same
// entities the API answers for each direction and hop count, each node a link (mouse or
// keyboard) that walks the graph, and a 200-entity neighbourhood drawn whole, or cut at 200 with
// the reason said.

const empty = { type: 'object', properties: {} };

async function post(request: APIRequestContext, token: string, path: string, body: unknown) {
  return expectJson(await call(request, 'POST', path, { token, body }), 201, path);
}

/** The identifiers the page draws, sorted. */
async function drawn(page: Page): Promise<string[]> {
  const nodes = page.getByTestId('graph-node');
  await expect(nodes.first()).toBeVisible();
  return (await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-identifier') ?? ''))).sort();
}

async function apiGraph(request: APIRequestContext, token: string, path: string): Promise<string[]> {
  const graph = await expectJson<{ nodes: Array<{ identifier: string }> }>(await call(request, 'GET', path, { token }), 200, path);
  return graph.nodes.map((n) => n.identifier).sort();
}

test('the graph tab draws what the graph API answers, by direction and hops, and its nodes walk the graph', async ({ page, request }) => {
  const admin = await register(request, 'graph');
  const team = await createTeam(request, admin.token);
  const t = admin.token;
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, t, team.slug, { id: 'cluster', title: 'Cluster', icon: '☸️', schema: empty });
  await createBlueprint(request, t, team.slug, { id: 'database', title: 'Database', icon: '🗄️', schema: empty });
  await createBlueprint(request, t, team.slug, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    schema: empty,
    relations: { runs_on: { target: 'cluster', type: 'many-to-one' }, depends_on: { target: 'database' }, calls: { target: 'service' } },
  });
  await post(request, t, `${base}/cluster/entities`, { identifier: 'eu-1', title: 'EU cluster', data: {} });
  await expectJson(
    await call(request, 'POST', `${base}/database/entities/bulk`, {
      token: t,
      body: {
        entities: [
          { identifier: 'orders-db', title: 'Orders DB', data: {} },
          { identifier: 'users-db', title: 'Users DB', data: {} },
        ],
      },
    }),
    200,
    'databases',
  );
  for (const [id, title, relations] of [
    ['auth', 'Auth service', { runs_on: 'eu-1', depends_on: ['users-db'] }],
    ['api', 'Public API', { runs_on: 'eu-1', depends_on: ['orders-db', 'users-db'], calls: ['auth'] }],
    ['web', 'Web shop', { calls: ['api'] }],
    ['lonely', 'Lonely job', {}],
  ] as const) {
    await post(request, t, `${base}/service/entities`, { identifier: id, title, data: {}, relations });
  }

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/entities/api`);
  await page.getByRole('navigation', { name: 'Entity' }).getByRole('link', { name: 'Graph' }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/api/graph$`));
  const api = `${base}/service/entities/api/graph`;
  expect(await drawn(page)).toEqual(await apiGraph(request, t, `${api}?direction=both&max_hops=2`));
  expect(await drawn(page)).toEqual(['api', 'auth', 'eu-1', 'orders-db', 'users-db', 'web']);
  await expect(page.getByTestId('graph-legend')).toContainText('6 entities');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  await expect(page.locator('.react-flow__edge-text').filter({ hasText: 'runs_on' })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screenshots/entity-graph.png' });

  // Direction and hops: what the API answers for the same view, kept in the URL.
  await page.getByRole('radio', { name: 'Depended on by' }).click();
  await expect(page).toHaveURL(/direction=downstream&hops=2/);
  await expect.poll(() => drawn(page)).toEqual(['api', 'web']);
  await page.getByRole('radio', { name: 'Depends on' }).click();
  await page.getByLabel('Hops').selectOption('1');
  await expect(page).toHaveURL(/direction=upstream&hops=1/);
  await expect.poll(() => drawn(page)).toEqual(await apiGraph(request, t, `${api}?direction=upstream&max_hops=1`));
  expect(await drawn(page)).toEqual(['api', 'auth', 'eu-1', 'orders-db', 'users-db']);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Depends on' })).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => drawn(page)).toEqual(['api', 'auth', 'eu-1', 'orders-db', 'users-db']);

  // A click walks to that entity's graph, with the same view.
  await page.getByTestId('graph-node').filter({ hasText: 'Auth service' }).click();
  await expect(page).toHaveURL(new RegExp(`/entities/auth/graph\\?direction=upstream&hops=1$`));
  await expect.poll(() => drawn(page)).toEqual(['auth', 'eu-1', 'users-db']);
  // By keyboard: Tab to a node, Enter.
  const cluster = page.getByRole('link', { name: /^Cluster EU cluster eu-1/ });
  await cluster.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/blueprints/cluster/entities/eu-1/graph`));
  // The entity of the page links to its overview.
  await page.getByRole('link', { name: /the entity of this page/ }).click();
  await expect(page).toHaveURL(new RegExp(`/blueprints/cluster/entities/eu-1$`));

  // No links: the empty state says where links come from.
  await page.goto(`/t/${team.slug}/blueprints/service/entities/lonely/graph`);
  await expect(page.getByText('No links to or from this entity yet.')).toBeVisible();
  expect(await drawn(page)).toEqual(['lonely']);
});

test('a 200-entity neighbourhood is drawn whole; a larger one is cut at the nearest 200 and says so', async ({ page, request }) => {
  test.slow(); // seeds ~400 entities and draws two 200-node graphs
  const admin = await register(request, 'graph-big');
  const team = await createTeam(request, admin.token);
  const t = admin.token;
  const base = `/teams/${team.slug}/blueprints`;
  await createBlueprint(request, t, team.slug, { id: 'system', title: 'System', icon: '🏛️', schema: empty });
  await createBlueprint(request, t, team.slug, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    schema: empty,
    relations: { part_of: { target: 'system', type: 'many-to-one' } },
  });
  await createBlueprint(request, t, team.slug, {
    id: 'component',
    title: 'Component',
    icon: '🧩',
    schema: empty,
    relations: { belongs_to: { target: 'service', type: 'many-to-one' } },
  });
  await post(request, t, `${base}/system/entities`, { identifier: 'platform', title: 'Platform', data: {} });
  const services = Array.from({ length: 12 }, (_, i) => ({
    identifier: `svc-${i + 1}`,
    title: `Service ${i + 1}`,
    data: {},
    relations: { part_of: 'platform' },
  }));
  await expectJson(
    await call(request, 'POST', `${base}/service/entities/bulk`, { token: t, body: { entities: services } }),
    200,
    'services',
  );
  const components = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      identifier: `cmp-${from + i}`,
      title: `Component ${from + i}`,
      data: {},
      relations: { belongs_to: `svc-${((from + i) % 12) + 1}` },
    }));
  await expectJson(
    await call(request, 'POST', `${base}/component/entities/bulk`, { token: t, body: { entities: components(1, 180) } }),
    200,
    'components',
  );

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/system/entities/platform/graph?direction=downstream&hops=2`);
  // Laying out and drawing ~200 nodes takes a busy 2-core CI machine more than the default 10 s (over 30 s seen).
  // Counted without an assertion inside: expect.poll does not retry a callback that throws.
  await expect.poll(() => page.getByTestId('graph-node').count(), { timeout: 90_000 }).toBe(193);
  await expect(page.getByTestId('graph-legend')).toContainText('193 entities · 192 links');
  await expect(page.getByText(/larger than 200 entities/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/entity-graph-193.png' });

  await expectJson(
    await call(request, 'POST', `${base}/component/entities/bulk`, { token: t, body: { entities: components(181, 20) } }),
    200,
    'more components',
  );
  await page.reload();
  // Laying out and drawing ~200 nodes takes a busy 2-core CI machine more than the default 10 s (over 30 s seen),
  // and the notice is shown with the drawing (both wait for the layout).
  await expect(page.getByText('This neighbourhood is larger than 200 entities: the nearest 200 are shown.', { exact: false })).toBeVisible({
    timeout: 90_000,
  });
  // Counted without an assertion inside: expect.poll does not retry a callback that throws.
  await expect.poll(() => page.getByTestId('graph-node').count(), { timeout: 90_000 }).toBe(200);
  // The nearest first: the system and all its services are in.
  const shown = await drawn(page);
  expect(shown).toContain('platform');
  for (let i = 1; i <= 12; i++) expect(shown).toContain(`svc-${i}`);
});
