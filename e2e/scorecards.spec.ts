import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD, addMember, call, createBlueprint, createTeam, expectJson, register, type Session } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// The scorecard pages in the browser (issue 12 "What must show"): build a scorecard in the editor
// and watch the preview count it before saving; the dashboard shows the API's summary; a count
// leads into the catalog filtered to exactly those entities; fixing an entity moves its badge.
// Every test seeds its own team; each waits for the recompute to finish (recomputing: false).

test.use({ timezoneId: 'UTC' });
// Journeys of many steps on a busy 2-core machine: more time per test (each step still waits for a state).
test.describe.configure({ timeout: 180_000 });
mkdirSync('test-results/screenshots', { recursive: true });

const SCHEMA = {
  type: 'object',
  properties: {
    owner: { type: 'string', title: 'Owner' },
    runbook: { type: 'string', title: 'Runbook' },
    tier: { type: 'number', title: 'Tier' },
  },
};

// Owner (Bronze) passes for 4 of 6, runbook (Silver) for 3: Basic 2, Bronze 2, Silver 2 (the
// scorecards have no Gold: a level without rules is reached with the one below).
const ENTITIES = [
  { identifier: 'api', title: 'API', data: { owner: 'payments', runbook: 'https://runbooks/api', tier: 1 } },
  { identifier: 'web', title: 'Web', data: { owner: 'frontend', tier: 2 } },
  { identifier: 'db', title: 'Database', data: { owner: 'platform', runbook: 'https://runbooks/db', tier: 1 } },
  { identifier: 'cron', title: 'Cron', data: { runbook: 'https://runbooks/cron', tier: 3 } },
  { identifier: 'batch', title: 'Batch', data: { tier: 3 } },
  { identifier: 'queue', title: 'Queue', data: { owner: 'platform', tier: 2 } },
];

const RULES = [
  {
    identifier: 'has_an_owner',
    title: 'Has an owner',
    level: 'Bronze',
    query: { combinator: 'and', rules: [{ property: 'owner', operator: 'isNotEmpty' }] },
  },
  {
    identifier: 'has_a_runbook',
    title: 'Has a runbook',
    level: 'Silver',
    query: { combinator: 'and', rules: [{ property: 'runbook', operator: 'isNotEmpty' }] },
  },
];

const LEVELS = [
  { name: 'Basic', color: '#94a3b8' },
  { name: 'Bronze', color: '#b45309' },
  { name: 'Silver', color: '#64748b' },
];

type Summary = {
  total: number;
  levels: Array<{ name: string; count: number }>;
  rules: Array<{ identifier: string; passed: number; failed: number }>;
};

async function seed(request: APIRequestContext) {
  const admin = await register(request, 'scorecards');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', icon: '⚙️', schema: SCHEMA });
  const bulk = await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities/bulk`, {
    token: admin.token,
    body: { entities: ENTITIES },
  });
  await expectJson(bulk, 200, 'bulk upsert');
  return { admin, slug: team.slug, api: `/teams/${team.slug}/blueprints/service/scorecards` };
}

/** Waits (by state) until the scorecard's results are live and complete. */
async function untilComputed(request: APIRequestContext, token: string, path: string) {
  await expect
    .poll(
      async () => {
        const body = await expectJson<{ recomputing: boolean; computed_at: string | null }>(
          await call(request, 'GET', path, { token }),
          200,
          'get scorecard',
        );
        return !body.recomputing && body.computed_at !== null;
      },
      { message: 'the recompute finishes', timeout: 30_000 },
    )
    .toBe(true);
}

async function createScorecard(request: APIRequestContext, admin: Session, api: string) {
  const res = await call(request, 'POST', api, {
    token: admin.token,
    body: { identifier: 'prod', title: 'Production readiness', levels: LEVELS, rules: RULES },
  });
  await expectJson(res, 201, 'create scorecard');
  await untilComputed(request, admin.token, `${api}/prod`);
}

async function shoot(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1440, height: Math.min(Math.max(height, 900), 2600) });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('build a scorecard in the editor with a live preview, then its dashboard shows the API summary', async ({ page, request }) => {
  const { admin, slug, api } = await seed(request);
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${slug}/blueprints/service`);
  await page.getByRole('link', { name: 'Scorecards' }).first().click();
  await expect(page.getByText('No scorecards yet')).toBeVisible();
  await page.getByRole('link', { name: 'New scorecard' }).click();

  await page.getByLabel('Title', { exact: true }).fill('Production readiness');
  await expect(page.getByLabel('Identifier', { exact: true }), 'suggested from the title').toHaveValue('production-readiness');
  await page.getByRole('button', { name: 'Remove Gold' }).click();
  await expect(page.getByRole('list', { name: 'Levels' }).getByRole('listitem')).toHaveCount(3);

  // Rule 1 (Bronze): an owner, built with the catalog's filter builder.
  const rule1 = page.getByRole('listitem', { name: /^Rule 1:/ });
  await rule1.getByLabel('Rule 1 title').fill('Has an owner');
  await expect(rule1.getByLabel('Rule 1 identifier')).toHaveValue('has_an_owner');
  await rule1.getByRole('button', { name: 'Edit rule 1 condition' }).click();
  await rule1.getByLabel('Rule 1 property').selectOption({ label: 'Owner' });
  await rule1.getByLabel('Rule 1 operator').selectOption({ label: 'is not empty' });
  await rule1.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rule1.getByTestId('rule-preview')).toHaveText(/Passes for 4 of 6 entities/);

  // Rule 2 (Silver): a runbook.
  await page.getByRole('button', { name: '+ Add rule' }).click();
  const rule2 = page.getByRole('listitem', { name: /^Rule 2:/ });
  await rule2.getByLabel('Rule 2 title').fill('Has a runbook');
  await rule2.getByLabel('Rule 2 level').selectOption({ label: 'Silver' });
  await rule2.getByRole('button', { name: 'Edit rule 2 condition' }).click();
  await rule2.getByLabel('Rule 1 property').selectOption({ label: 'Runbook' });
  await rule2.getByLabel('Rule 1 operator').selectOption({ label: 'is not empty' });
  await rule2.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rule2.getByTestId('rule-preview')).toHaveText(/Passes for 3 of 6 entities/);
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('img', { name: /Preview level distribution/ })).toHaveAttribute(
    'aria-label',
    'Preview level distribution: Basic 2, Bronze 2, Silver 2',
  );
  await shoot(page, 'scorecard-editor');
  await expectNoSeriousAxeViolations(page, 'scorecard editor');

  // Save: the dashboard of the new scorecard, its numbers those of the API's summary.
  await page.getByRole('button', { name: 'Create scorecard' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/blueprints/service/scorecards/production-readiness$`));
  await untilComputed(request, admin.token, `${api}/production-readiness`);
  const summary = await expectJson<Summary>(
    await call(request, 'GET', `${api}/production-readiness/summary`, { token: admin.token }),
    200,
    'summary',
  );
  expect(summary.levels.map((l) => [l.name, l.count])).toEqual([
    ['Basic', 2],
    ['Bronze', 2],
    ['Silver', 2],
  ]);
  await page.reload();
  // The dashboard's reads land one after another on a loaded machine: wait for them, not a time.
  await expect(page.getByTestId('total')).toHaveText(String(summary.total), { timeout: 30_000 });
  const perLevel = page.getByRole('list', { name: 'Entities per level' });
  for (const l of summary.levels) await expect(perLevel.locator(`[data-level="${l.name}"] a`)).toHaveText(String(l.count));
  for (const r of summary.rules) {
    await expect(page.locator(`tr[data-rule="${r.identifier}"] [data-count="passed"]`)).toHaveText(String(r.passed));
    await expect(page.locator(`tr[data-rule="${r.identifier}"] [data-count="failed"]`)).toHaveText(String(r.failed));
  }
  await expect(page.getByRole('list', { name: 'Entities that fail the most' }).getByRole('listitem')).toHaveCount(6);
  await expect(page.getByRole('img', { name: /Level distribution per day/ })).toBeVisible();
  await shoot(page, 'scorecard-dashboard');
  await expectNoSeriousAxeViolations(page, 'scorecard dashboard');

  await page.getByRole('link', { name: 'All scorecards' }).click();
  await expect(page.getByRole('img', { name: /Production readiness level distribution/ })).toHaveAttribute(
    'aria-label',
    'Production readiness level distribution: Basic 2, Bronze 2, Silver 2',
  );
  await shoot(page, 'scorecard-list');
});

test('a count on the dashboard leads into the catalog filtered to exactly those entities', async ({ page, request }) => {
  const { admin, slug, api } = await seed(request);
  await createScorecard(request, admin, api);
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${slug}/blueprints/service/scorecards/prod`);

  const shown = async () => {
    await expect(page.getByRole('table')).not.toHaveAttribute('aria-busy', 'true');
    return page.locator('tbody tr[data-identifier]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-identifier')).sort());
  };
  await page.getByRole('list', { name: 'Entities per level' }).locator('[data-level="Basic"] a').click();
  await expect(page).toHaveURL(/\/blueprints\/service\?/);
  await expect.poll(shown, { message: 'the Basic entities' }).toEqual(['batch', 'cron']);

  await page.goBack();
  await page.locator('tr[data-rule="has_a_runbook"] [data-count="failed"]').click();
  await expect.poll(shown, { message: 'the entities without a runbook' }).toEqual(['batch', 'queue', 'web']);
});

test('fixing an entity in its edit form moves its badge; a viewer reads the scorecard without editing it', async ({ page, request }) => {
  const { admin, slug, api } = await seed(request);
  await createScorecard(request, admin, api);
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${slug}/blueprints/service/entities/web`);
  const badge = page.getByRole('list', { name: 'Scorecard levels' }).locator('[data-scorecard="prod"]');
  await expect(badge).toContainText('Bronze');

  await page.getByRole('navigation', { name: 'Entity' }).getByRole('link', { name: 'Scorecards' }).click();
  const checklist = page.getByRole('list', { name: 'Production readiness rules' });
  await expect(checklist.locator('[data-rule="has_an_owner"]')).toHaveAttribute('data-passed', 'true');
  await expect(checklist.locator('[data-rule="has_a_runbook"]')).toHaveAttribute('data-passed', 'false');
  await expect(checklist.locator('[data-rule="has_a_runbook"]')).toContainText('Asks: Runbook is not empty');
  await shoot(page, 'entity-scorecards');
  await expectNoSeriousAxeViolations(page, 'entity scorecards tab');

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Runbook').fill('https://runbooks/web');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/entities\/web$/);
  await expect(badge).toContainText('Silver');
  await page.getByRole('navigation', { name: 'Entity' }).getByRole('link', { name: 'Scorecards' }).click();
  await expect(page.getByRole('list', { name: 'Production readiness level history' }).getByRole('listitem').first()).toContainText(
    /Bronze\s*→\s*to\s*Silver/,
  );

  // A viewer: the definition read-only, no "New scorecard".
  const viewer = await register(request, 'sc-viewer');
  await addMember(request, admin.token, slug, viewer.email, 'viewer');
  await page.context().clearCookies();
  await signIn(page, viewer.email, PASSWORD);
  await page.goto(`/t/${slug}/blueprints/service/scorecards`);
  await expect(page.getByRole('link', { name: 'Production readiness' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New scorecard' })).toHaveCount(0);
  await page.goto(`/t/${slug}/blueprints/service/scorecards/prod/edit`);
  await expect(page.getByText('changing it needs the scorecard:write permission')).toBeVisible();
  await expect(page.getByLabel('Title', { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
});
