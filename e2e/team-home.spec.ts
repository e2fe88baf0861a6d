import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_TEAM, DEMO_USER } from '../lib/demo/seed-demo';
import {
  PASSWORD,
  addMember,
  call,
  createBlueprint,
  createRole,
  createTeam,
  db,
  expectJson,
  getJson,
  register,
  type Blueprint,
  type Session,
} from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// The team home (issue 15, item 4) against the real server: the counts on the blueprint cards are
// the API's; the writes chart's numbers are the audit log's entity writes made by this test; the
// most connected entity comes first; a scorecard level's number leads into the catalog filtered to
// that level (its rows are the API's); the runs panel shows the team's run, and is left out for a
// member whose role cannot read runs. Every wait is for a state.

test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 180_000 });
mkdirSync('test-results/screenshots', { recursive: true });

const SERVICE_SCHEMA = { type: 'object', properties: { owner: { type: 'string', title: 'Owner' } } };
const CLUSTERS = ['eu-1', 'us-1', 'ap-1'];
// eu-1 is linked from four services, us-1 from two, ap-1 from one.
const SERVICES = [
  { identifier: 'api', title: 'API', data: { owner: 'payments' }, relations: { runs_on: ['eu-1', 'us-1'] } },
  { identifier: 'web', title: 'Web', data: { owner: 'frontend' }, relations: { runs_on: ['eu-1'] } },
  { identifier: 'jobs', title: 'Jobs', data: {}, relations: { runs_on: ['eu-1', 'us-1'] } },
  { identifier: 'cron', title: 'Cron', data: {}, relations: { runs_on: ['eu-1', 'ap-1'] } },
  { identifier: 'doomed', title: 'Doomed', data: {}, relations: {} },
];

type Summary = { total: number; levels: Array<{ name: string; count: number }> };

async function seed(request: APIRequestContext) {
  const admin = await register(request, 'home');
  const team = await createTeam(request, admin.token);
  const slug = team.slug;
  const t = { token: admin.token };
  await createBlueprint(request, admin.token, slug, { id: 'cluster', title: 'Cluster', icon: '☸️' });
  await createBlueprint(request, admin.token, slug, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    schema: SERVICE_SCHEMA,
    relations: { runs_on: { title: 'Runs on', target: 'cluster' } },
  });
  for (const identifier of CLUSTERS) {
    await expectJson(
      await call(request, 'POST', `/teams/${slug}/blueprints/cluster/entities`, { ...t, body: { identifier, data: {} } }),
      201,
      identifier,
    );
  }
  await expectJson(
    await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/bulk`, { ...t, body: { entities: SERVICES } }),
    200,
    'bulk services',
  );
  // Two updates and a delete.
  for (const identifier of ['api', 'web']) {
    await expectJson(
      await call(request, 'PATCH', `/teams/${slug}/blueprints/service/entities/${identifier}`, {
        ...t,
        body: { title: `${identifier} v2` },
      }),
      200,
      `patch ${identifier}`,
    );
  }
  expect((await call(request, 'DELETE', `/teams/${slug}/blueprints/service/entities/doomed`, t)).status()).toBe(204);

  // A scorecard: Bronze for an owner (api, web), Basic for the rest (jobs, cron).
  const scorecards = `/teams/${slug}/blueprints/service/scorecards`;
  await expectJson(
    await call(request, 'POST', scorecards, {
      ...t,
      body: {
        identifier: 'ready',
        title: 'Readiness',
        levels: [
          { name: 'Basic', color: '#94a3b8' },
          { name: 'Bronze', color: '#b45309' },
        ],
        rules: [
          {
            identifier: 'has_owner',
            title: 'Has an owner',
            level: 'Bronze',
            query: { combinator: 'and', rules: [{ property: 'owner', operator: 'isNotEmpty' }] },
          },
        ],
      },
    }),
    201,
    'scorecard',
  );
  await expect
    .poll(
      async () => {
        const sc = await getJson<{ recomputing: boolean; computed_at: string | null }>(request, admin.token, `${scorecards}/ready`);
        return !sc.recomputing && sc.computed_at !== null;
      },
      { message: 'the scorecard is computed', timeout: 60_000 },
    )
    .toBe(true);

  // An action (its CRUD is another route's: inserted as lib/actions stores it) and one run, which
  // waits for an approval, so nothing leaves the machine.
  await db().query(
    `INSERT INTO actions (team_id, identifier, title, blueprint_id, trigger_type, trigger_config, steps)
     VALUES ($1, 'deploy', 'Deploy', 'service', 'day-2', $2, '[{"type": "approval"}]')`,
    [team.id, JSON.stringify({ condition: null, approval: { required: true, allow_self: true } })],
  );
  const run = await expectJson<{ id: string }>(
    await call(request, 'POST', `/teams/${slug}/actions/deploy/runs`, { ...t, body: { entity: 'api', inputs: {} } }),
    202,
    'run',
  );
  return { admin, slug, runId: run.id };
}

/** The audit log's entity writes of the team, by kind, through the API (team:manage). */
async function auditedWrites(request: APIRequestContext, admin: Session, slug: string) {
  const body = await getJson<{ audit_logs: Array<{ action: string }> }>(
    request,
    admin.token,
    `/teams/${slug}/audit-logs?entity_type=entity&limit=100`,
  );
  const count = (...actions: string[]) => body.audit_logs.filter((r) => actions.includes(r.action)).length;
  return { created: count('entity.created'), updated: count('entity.updated', 'entity.restored'), deleted: count('entity.deleted') };
}

/** The hidden table's numbers, summed over its days. */
async function chartTotals(page: Page) {
  const table = page.getByTestId('writes-table');
  const sum = (series: string) =>
    table.locator(`td[data-series="${series}"]`).evaluateAll((cells) => cells.reduce((n, c) => n + Number(c.textContent), 0));
  return { created: await sum('created'), updated: await sum('updated'), deleted: await sum('deleted') };
}

test('the team home shows counts, writes, links, levels and runs that match the API', async ({ page, request }) => {
  const { admin, slug, runId } = await seed(request);
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${slug}`);

  // Entity counts per blueprint: the API's.
  const blueprints = await getJson<{ blueprints: Blueprint[] }>(request, admin.token, `/teams/${slug}/blueprints`);
  for (const b of blueprints.blueprints) {
    await expect(page.getByTestId(`blueprint-card-${b.id}`).getByTestId('entity-count')).toHaveText(String(b.entity_count));
  }
  expect(blueprints.blueprints.map((b) => [b.id, b.entity_count]).sort()).toEqual([
    ['cluster', 3],
    ['service', 4],
  ]);
  await expect(page.getByTestId('blueprint-card-service')).toHaveAttribute('href', `/t/${slug}/blueprints/service`);

  // What changed: the numbers in the (screen-reader) table and the totals are the writes made.
  const writes = page.getByTestId('panel-writes');
  await expect(writes.getByTestId('writes-table')).toBeAttached();
  const audited = await auditedWrites(request, admin, slug);
  expect(audited).toEqual({ created: 3 + 5, updated: 2, deleted: 1 });
  expect(await chartTotals(page)).toEqual(audited);
  await expect(writes.getByTestId('writes-total-created')).toHaveText('8');
  await expect(writes.getByTestId('writes-total-updated')).toHaveText('2');
  await expect(writes.getByTestId('writes-total-deleted')).toHaveText('1');
  await expect(writes.getByTestId('writes-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();

  // Most connected: eu-1 (4 links), then api / jobs / cron / us-1 (2 each), each a link to its page.
  const connected = page.getByTestId('most-connected').getByRole('listitem');
  await expect(connected.first()).toContainText('eu-1');
  await expect(connected.first()).toContainText('Cluster');
  await expect(connected.first().getByTestId('link-count')).toHaveText('4 links');
  await expect(connected).toHaveCount(7); // every linked entity: 3 clusters + 4 services
  await expect(connected.first().getByRole('link')).toHaveAttribute('href', `/t/${slug}/blueprints/cluster/entities/eu-1`);

  // Recent runs: the run, linked to its page.
  const runs = page.getByTestId('panel-runs');
  await expect(runs.getByTestId('run-status')).toHaveAttribute('data-status', 'waiting_approval');
  await expect(runs.getByRole('link', { name: 'Deploy' })).toHaveAttribute('href', `/t/${slug}/runs/${runId}`);

  await expectNoSeriousAxeViolations(page, 'team home');
  // public/screenshots/team-home.png is a copy of this one (every panel has something to show).
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/team-home.png' });

  // A level's number leads into the catalog filtered to that level: its rows are the API's.
  const summary = await getJson<Summary>(request, admin.token, `/teams/${slug}/blueprints/service/scorecards/ready/summary`);
  expect(summary.levels).toEqual([
    { name: 'Basic', count: 2, color: '#94a3b8' },
    { name: 'Bronze', count: 2, color: '#b45309' },
  ]);
  const scorecard = page.getByTestId('home-scorecard-ready');
  await expect(scorecard).toContainText('Basic');
  await scorecard.locator('li', { hasText: 'Basic' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/blueprints\/service\?/);
  await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
  const shown = () =>
    page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier')).sort());
  const search = await expectJson<{ entities: Array<{ identifier: string }> }>(
    await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/search`, {
      token: admin.token,
      body: { query: { combinator: 'and', rules: [{ scorecard: 'ready', operator: '=', value: 'Basic' }] }, limit: 100 },
    }),
    200,
    'search Basic',
  );
  const expected = search.entities.map((e) => e.identifier).sort();
  expect(expected).toEqual(['cron', 'jobs']);
  await expect.poll(shown, { message: 'the Basic entities' }).toEqual(expected);
});

test('a member whose role cannot read runs or scorecards sees neither panel; a new team sees the empty state', async ({
  page,
  request,
}) => {
  const { admin, slug } = await seed(request);
  const reader = await register(request, 'reader');
  const role = await createRole(request, admin.token, slug, ['blueprint:read', 'entity:read']);
  await addMember(request, admin.token, slug, reader.email, role.name);
  await signIn(page, reader.email, PASSWORD);
  await page.goto(`/t/${slug}`);
  await expect(page.getByTestId('panel-connected')).toBeVisible();
  await expect(page.getByTestId('panel-writes')).toBeVisible();
  await expect(page.getByTestId('blueprint-card-service')).toBeVisible();
  // The page has finished streaming (no skeleton left) before absence is asserted.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByTestId('panel-runs')).toHaveCount(0);
  await expect(page.getByTestId('panel-scorecards')).toHaveCount(0);

  const newcomer = await register(request, 'newcomer');
  const empty = await createTeam(request, newcomer.token);
  await page.context().clearCookies();
  await signIn(page, newcomer.email, PASSWORD);
  await page.goto(`/t/${empty.slug}`);
  await expect(page.getByText('No blueprints yet')).toBeVisible();
  await expect(page.getByTestId('panel-writes')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, 'empty team home');
});

test("the demo team's home at laptop width: scorecards and links, no serious axe violation", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DEMO_USER.email, DEMO_USER.password);
  await page.goto(`/t/${DEMO_TEAM.slug}`);
  await expect(page.getByTestId('panel-scorecards')).toBeVisible();
  await expect(page.getByTestId('most-connected')).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.getByTestId('panel-writes').scrollIntoViewIfNeeded();
  await expectNoSeriousAxeViolations(page, 'demo team home');
  await page.screenshot({ path: 'test-results/screenshots/team-home-demo.png' });
});
