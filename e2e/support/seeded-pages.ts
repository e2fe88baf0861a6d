import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { call, createBlueprint, createTeam, expectJson, newApiContext, register, type Session } from './api';
import { createComputedScorecard } from './scorecards';

// A team with something on every page of the app (two blueprints linked by a relation, entities,
// a scorecard, an action with a run waiting for its approval, an integration), and the URL of
// each page in it: shared by the page-wide checks (accessibility, titles, layouts).

export type Seed = { admin: Session; team: string; runId: string; invitePath: string };

/** Each page of app/ (its route, as the folders spell it) and the URL that shows it seeded. */
export const PAGES: Record<string, (s: Seed) => string> = {
  '/login': () => '/login',
  '/register': () => '/register',
  '/invite/[token]': (s) => s.invitePath,
  '/': () => '/',
  '/teams/new': () => '/teams/new',
  '/profile': () => '/profile',
  '/t/[team]': (s) => `/t/${s.team}`,
  '/t/[team]/new-blueprint': (s) => `/t/${s.team}/new-blueprint`,
  '/t/[team]/blueprints/[blueprint]': (s) => `/t/${s.team}/blueprints/service`,
  '/t/[team]/blueprints/[blueprint]/edit': (s) => `/t/${s.team}/blueprints/service/edit`,
  '/t/[team]/blueprints/[blueprint]/new-entity': (s) => `/t/${s.team}/blueprints/service/new-entity`,
  '/t/[team]/blueprints/[blueprint]/actions': (s) => `/t/${s.team}/blueprints/service/actions`,
  '/t/[team]/blueprints/[blueprint]/entities/[identifier]': (s) => `/t/${s.team}/blueprints/service/entities/payments`,
  '/t/[team]/blueprints/[blueprint]/entities/[identifier]/edit': (s) => `/t/${s.team}/blueprints/service/entities/payments/edit`,
  '/t/[team]/blueprints/[blueprint]/entities/[identifier]/graph': (s) => `/t/${s.team}/blueprints/service/entities/payments/graph`,
  '/t/[team]/blueprints/[blueprint]/entities/[identifier]/history': (s) => `/t/${s.team}/blueprints/service/entities/payments/history`,
  '/t/[team]/blueprints/[blueprint]/entities/[identifier]/scorecards': (s) =>
    `/t/${s.team}/blueprints/service/entities/payments/scorecards`,
  '/t/[team]/blueprints/[blueprint]/scorecards': (s) => `/t/${s.team}/blueprints/service/scorecards`,
  '/t/[team]/blueprints/[blueprint]/scorecards/new': (s) => `/t/${s.team}/blueprints/service/scorecards/new`,
  '/t/[team]/blueprints/[blueprint]/scorecards/[scorecard]': (s) => `/t/${s.team}/blueprints/service/scorecards/prod`,
  '/t/[team]/blueprints/[blueprint]/scorecards/[scorecard]/edit': (s) => `/t/${s.team}/blueprints/service/scorecards/prod/edit`,
  '/t/[team]/actions': (s) => `/t/${s.team}/actions`,
  '/t/[team]/actions/new': (s) => `/t/${s.team}/actions/new`,
  '/t/[team]/actions/[action]/edit': (s) => `/t/${s.team}/actions/promote/edit`,
  '/t/[team]/approvals': (s) => `/t/${s.team}/approvals`,
  '/t/[team]/runs': (s) => `/t/${s.team}/runs`,
  '/t/[team]/runs/[run]': (s) => `/t/${s.team}/runs/${s.runId}`,
  '/t/[team]/integrations': (s) => `/t/${s.team}/integrations`,
  '/t/[team]/integrations/new': (s) => `/t/${s.team}/integrations/new`,
  '/t/[team]/integrations/[integration]': (s) => `/t/${s.team}/integrations/ci`,
  '/t/[team]/import': (s) => `/t/${s.team}/import`,
  '/t/[team]/audit': (s) => `/t/${s.team}/audit`,
  '/t/[team]/api-reference': (s) => `/t/${s.team}/api-reference`,
  '/t/[team]/settings': (s) => `/t/${s.team}/settings`,
  '/t/[team]/settings/members': (s) => `/t/${s.team}/settings/members`,
  '/t/[team]/settings/roles': (s) => `/t/${s.team}/settings/roles`,
  '/t/[team]/settings/groups': (s) => `/t/${s.team}/settings/groups`,
  '/t/[team]/settings/api-keys': (s) => `/t/${s.team}/settings/api-keys`,
};
// The invitation page is walked signed out: its register form, the step a newcomer sees first.
export const SIGNED_OUT = new Set(['/login', '/register', '/invite/[token]']);

async function seedTeam(api: APIRequestContext): Promise<Seed> {
  const admin = await register(api, 'a11y');
  const team = (await createTeam(api, admin.token)).slug;
  const t = admin.token;
  await createBlueprint(api, t, team, { id: 'system', title: 'System', icon: '🏛️' });
  await createBlueprint(api, t, team, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    description: 'Deployable services',
    schema: {
      type: 'object',
      properties: {
        owner: { type: 'string', title: 'Owner' },
        tier: { type: 'string', title: 'Tier', enum: ['gold', 'silver', 'bronze'] },
        runbook: { type: 'string', title: 'Runbook', format: 'uri' },
        public: { type: 'boolean', title: 'Public' },
      },
    },
    relations: { part_of: { target: 'system', type: 'many-to-one', title: 'Part of' } },
  });
  await expectJson(
    await call(api, 'POST', `/teams/${team}/blueprints/system/entities`, {
      token: t,
      body: { identifier: 'platform', title: 'Platform', data: {} },
    }),
    201,
    'system',
  );
  const services = ['payments', 'checkout', 'search'].map((id, i) => ({
    identifier: id,
    title: id[0].toUpperCase() + id.slice(1),
    data: { owner: `team-${i}`, tier: ['gold', 'silver', 'bronze'][i], public: i === 0 },
    relations: { part_of: 'platform' },
  }));
  await expectJson(
    await call(api, 'POST', `/teams/${team}/blueprints/service/entities/bulk`, { token: t, body: { entities: services } }),
    200,
    'services',
  );
  // A group with the admin in it, owning payments (the Groups page and the entity's owners).
  await expectJson(
    await call(api, 'POST', `/teams/${team}/groups`, { token: t, body: { identifier: 'payments-team', title: 'Payments team' } }),
    201,
    'group',
  );
  await expectJson(
    await call(api, 'POST', `/teams/${team}/groups/payments-team/members`, { token: t, body: { user_id: admin.user.id } }),
    201,
    'group member',
  );
  await expectJson(
    await call(api, 'PATCH', `/teams/${team}/blueprints/service/entities/payments`, {
      token: t,
      body: { data: { runbook: 'https://runbooks.example.com/payments' }, owners: ['payments-team'] },
    }),
    200,
    'a second version of payments (its history)',
  );
  await createComputedScorecard(api, t, `/teams/${team}/blueprints/service`, {
    identifier: 'prod',
    title: 'Production readiness',
    levels: [
      { name: 'Basic', color: '#94a3b8' },
      { name: 'Bronze', color: '#b45309' },
      { name: 'Gold', color: '#ca8a04' },
    ],
    rules: [
      { identifier: 'has-owner', title: 'Has an owner', level: 'Bronze', query: { rules: [{ property: 'owner', operator: 'exists' }] } },
      { identifier: 'has-runbook', title: 'Has a runbook', level: 'Gold', query: { rules: [{ property: 'runbook', operator: 'exists' }] } },
    ],
  });
  await expectJson(
    await call(api, 'POST', `/teams/${team}/actions`, {
      token: t,
      body: {
        identifier: 'promote',
        title: 'Promote',
        blueprint: 'service',
        trigger: 'day-2',
        user_inputs: { type: 'object', properties: { reason: { type: 'string', title: 'Reason' } } },
        steps: [{ type: 'approval' }],
      },
    }),
    201,
    'action',
  );
  const run = await expectJson<{ id: string }>(
    await call(api, 'POST', `/teams/${team}/actions/promote/runs`, {
      token: t,
      body: { entity: 'payments', inputs: { reason: 'release' } },
    }),
    202,
    'a run waiting for its approval',
  );
  await expectJson(
    await call(api, 'POST', `/teams/${team}/integrations`, {
      token: t,
      body: {
        identifier: 'ci',
        title: 'CI',
        kind: 'webhook',
        mappings: [{ blueprint: 'service', entity: { identifier: 'id', title: 'name', properties: { owner: 'owner' } } }],
      },
    }),
    201,
    'integration',
  );
  const invitation = await expectJson<{ url: string }>(
    await call(api, 'POST', `/teams/${team}/invitations`, { token: t, body: { email: `invitee-${admin.email}`, role: 'viewer' } }),
    201,
    'a pending invitation (the members page lists it; its link is a page)',
  );
  return { admin, team, runId: run.id, invitePath: new URL(invitation.url).pathname };
}

/** The page as a person reads it: its heading shown, its data loaded, nothing still busy. */
export async function settle(page: Page) {
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

/** Seeds the team once, before the tests of the describe block it is called in, and hands it over. */
export function seedTeamBeforeAll(take: (seed: Seed) => void): void {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const api = await newApiContext();
    take(await seedTeam(api));
    await api.dispose();
  });
}
