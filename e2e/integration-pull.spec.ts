import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, call, createBlueprint, createTeam, expectError, expectJson, register } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// An http-pull integration in the browser against the real server: made in the editor (the URL,
// an interval refused inline then fixed, a write-only Authorization header), pulled with "Pull
// now" on its card from a source on 127.0.0.1 (allowed by the server's BASEPLATE_OUTBOUND_ALLOW in
// playwright.config.ts), the counts shown, the header sent but never answered by the API; and the
// 409 of "pull" on another kind of integration.

test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 240_000 });
mkdirSync('test-results/screenshots', { recursive: true });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/integration-pull-${name}.png`, fullPage: true });

/**
 * A source on 127.0.0.1 keeping each request's headers. The n-th request gets one new repository,
 * `pulled-<n>`: every pull then creates exactly one entity (a delta keeps the earlier ones), so the
 * counts do not depend on whether the schedule (due as soon as the integration is made) pulled first.
 */
async function startSource() {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ entities: [{ name: `pulled-${received.length}`, lang: 'go' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/repos.json`, received, close };
}

test('an http-pull integration made in the editor and pulled now from its card; its header never comes back', async ({ page, request }) => {
  const source = await startSource();
  try {
    const admin = await register(request, 'pull');
    const team = await createTeam(request, admin.token);
    await createBlueprint(request, admin.token, team.slug, {
      id: 'service',
      title: 'Service',
      schema: { type: 'object', properties: { language: { type: 'string' } } },
    });

    await signIn(page, admin.email, PASSWORD);
    await page.goto(`/t/${team.slug}/integrations/new`);
    await expect(page.getByRole('heading', { name: 'New integration' })).toBeVisible();
    await page.locator('#integration-title').fill('Pulled repositories');
    await page.locator('#integration-identifier').fill('pulled');
    await page.locator('#integration-kind').selectOption('http-pull');
    await page.locator('#pull-url').fill(source.url);
    await page.locator('#pull-interval').fill('2');
    await page.getByRole('button', { name: '+ Add a header' }).click();
    await page.getByLabel('Header 1: name').fill('Authorization');
    await page.getByLabel('Header 1: value').fill('Bearer e2e-pull-token');
    const mapping = page.getByTestId('mapping-card');
    await mapping.getByLabel('Identifier expression', { exact: true }).fill('name');
    await mapping.getByRole('button', { name: '+ Add a property' }).click();
    await mapping.getByLabel('Properties 1: name').fill('language');
    await mapping.getByLabel('Properties 1: expression').fill('lang');

    // Too short an interval is refused beside its field before anything is sent.
    await page.getByRole('button', { name: 'Create integration' }).click();
    await expect(page.locator('#pull-interval-error')).toContainText('from 5 to 10080');
    await page.locator('#pull-interval').fill('15');
    await expect(page.locator('#pull-interval-error')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page, 'http-pull editor');
    await shot(page, 'editor');
    await page.getByRole('button', { name: 'Create integration' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('heading', { name: 'Pulled repositories', level: 1 })).toBeVisible();

    // The API keeps the header's name only.
    const view = await expectJson<{ settings: Record<string, unknown>; next_pull_at: string | null }>(
      await call(request, 'GET', `/teams/${team.slug}/integrations/pulled`, { token: admin.token }),
      200,
      'the integration',
    );
    expect(view.settings).toEqual({ url: source.url, interval_minutes: 15, mode: 'delta', headers: { Authorization: null } });
    expect(view.next_pull_at).not.toBeNull();
    expect(JSON.stringify(view)).not.toContain('e2e-pull-token');

    // Pull now, from the card: the counts, the header sent, the entities in the catalog.
    await page.goto(`/t/${team.slug}/integrations`);
    const card = page.getByTestId('integration-card');
    // Due since it was made (unless the schedule pulled already); after Pull now, an interval away.
    await expect(card).toContainText(/Due: pulls within a minute|Next pull/);
    await card.getByRole('button', { name: 'Pull now' }).focus();
    await page.keyboard.press('Enter');
    await expect(card.getByTestId('pull-result')).toContainText('Pulled: 1 created · 0 updated · 0 unchanged · 0 deleted');
    const pulls = source.received.length;
    expect(source.received.every((h) => h.authorization === 'Bearer e2e-pull-token')).toBe(true);
    await expect(card).toContainText('Last sync');
    await expect(card).toContainText('Next pull');
    await expectNoSeriousAxeViolations(page, 'integrations page with an http-pull');
    await shot(page, 'card');
    const listed = await expectJson<{ entities: Array<{ identifier: string; data: unknown }> }>(
      await call(request, 'GET', `/teams/${team.slug}/blueprints/service/entities`, { token: admin.token }),
      200,
      'the pulled entities',
    );
    expect(listed.entities.map((e) => e.identifier)).toContain(`pulled-${pulls}`);

    // A dry run through the API answers what would change and writes nothing; a webhook integration cannot pull.
    const dry = await expectJson<{ created: number; changes: Array<{ op: string; identifier: string }> }>(
      await call(request, 'POST', `/teams/${team.slug}/integrations/pulled/pull?dry_run=true`, { token: admin.token }),
      200,
      'a dry-run pull',
    );
    expect(dry.created).toBe(1);
    const created = dry.changes.find((c) => c.op === 'create')!.identifier;
    await expectError(
      await call(request, 'GET', `/teams/${team.slug}/blueprints/service/entities/${created}`, { token: admin.token }),
      404,
      'the entity of the dry run',
    );
    await expectJson(
      await call(request, 'POST', `/teams/${team.slug}/integrations`, {
        token: admin.token,
        body: { identifier: 'hook', title: 'Hook', kind: 'webhook', mappings: [] },
      }),
      201,
      'a webhook integration',
    );
    await expectError(
      await call(request, 'POST', `/teams/${team.slug}/integrations/hook/pull`, { token: admin.token }),
      409,
      'pull a webhook',
    );
  } finally {
    await source.close();
  }
});
