import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, addMember, call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// Issue 13's journey in the browser: define an action with an input and a webhook step (a
// receiver on loopback, allowed by the server's BASEPLATE_OUTBOUND_ALLOW in playwright.config.ts),
// run it from an entity page, approve it as another person, watch the log stream in while the
// external system reports through its run token, and see the entity changed by the upsert step
// and the audit log naming the run. Each new page is checked with axe and photographed.

test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 240_000 });
mkdirSync('test-results/screenshots', { recursive: true });

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on 127.0.0.1 that keeps every request and answers 200. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/deploy`, received };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/actions-${name}.png`, fullPage: true });
}

test('an action defined, run from an entity, approved by another person, reported live, and audited', async ({
  page,
  browser,
  request,
}) => {
  const receiver = await startReceiver();
  try {
    const admin = await register(request, 'actions');
    const approver = await register(request, 'approver');
    const team = await createTeam(request, admin.token);
    await addMember(request, admin.token, team.slug, approver.email, 'admin');
    await createBlueprint(request, admin.token, team.slug, {
      id: 'service',
      title: 'Service',
      icon: '⚙️',
      schema: { type: 'object', properties: { owner: { type: 'string', title: 'Owner' }, version: { type: 'string', title: 'Version' } } },
    });
    await expectJson(
      await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
        token: admin.token,
        body: { identifier: 'payments', title: 'Payments', data: { owner: 'team-pay', version: '1.0.0' } },
      }),
      201,
      'create the entity',
    );

    // The actions page, empty; then the editor.
    await signIn(page, admin.email, PASSWORD);
    await page.goto(`/t/${team.slug}/actions`);
    await expect(page.getByRole('heading', { name: 'No actions yet' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: /Approvals/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page, 'actions page (empty)');
    await shot(page, 'list-empty');
    await page.getByRole('link', { name: 'New action' }).first().click();
    await expect(page.getByRole('heading', { name: 'New action' })).toBeVisible();

    await page.locator('#title').fill('Deploy service');
    await expect(page.locator('#identifier')).toHaveValue('deploy-service');
    await expect(page.locator('#action-blueprint')).toHaveValue('service');
    await page.getByRole('button', { name: '+ Add property' }).click();
    await page.getByLabel('Name of property 1', { exact: true }).fill('version');
    await page.getByLabel('Title of version').fill('Version');
    await page.getByLabel('version is required').check();

    const webhook = page.getByTestId('step-0');
    await webhook.getByLabel('URL').fill(receiver.url);
    await webhook.getByLabel('Body (JSON)').fill('{"service": "{{ entity.identifier }}", "version": "{{ inputs.version }}"}');
    await webhook.getByLabel(/Wait for the external system/).check();
    await page.getByLabel('Add a step').selectOption('upsert-entity');
    const upsert = page.getByTestId('step-1');
    await upsert.getByLabel('Blueprint').selectOption('service');
    await upsert.getByLabel('Identifier').fill('{{ entity.identifier }}');
    await upsert.getByLabel('Properties (JSON)').fill('{"owner": "{{ entity.data.owner }}", "version": "{{ inputs.version }}"}');
    await page.getByLabel('A run waits for an approval before its first step').check();

    // The template preview, against a sample entity and the sample inputs.
    await page.getByLabel('Sample inputs (JSON)').fill('{"version": "9.9.9"}');
    await page.getByLabel('Sample entity').fill('pay');
    await page.getByRole('option', { name: /payments/i }).click();
    await expect(page.getByTestId('template-preview')).toContainText('"service": "payments"');
    await expect(page.getByTestId('template-preview')).toContainText('"version": "9.9.9"');
    await expectNoSeriousAxeViolations(page, 'action editor');
    await shot(page, 'editor');

    // Created: the signing secret shows once.
    await page.getByRole('button', { name: 'Create action' }).click();
    const secret = ((await page.getByTestId('signing-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    await shot(page, 'secret-dialog');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('heading', { name: 'Edit action' })).toBeVisible();
    await expect(page.locator('#identifier')).toHaveValue('deploy-service');
    await expect(page.getByRole('button', { name: 'Rotate signing secret' })).toBeVisible();
    await shot(page, 'edit');

    // Run it from the entity page: the generated input form, then the run page.
    await page.goto(`/t/${team.slug}/blueprints/service/entities/payments`);
    await page.getByRole('button', { name: /Run action/ }).click();
    await page.getByRole('menuitem', { name: /Deploy service/ }).click();
    const dialog = page.getByRole('dialog', { name: /Deploy service/ });
    await expect(dialog.getByLabel(/Version/)).toBeVisible();
    await shot(page, 'run-dialog');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(dialog.getByText('Required', { exact: true })).toBeVisible(); // the input form checks before sending
    await dialog.getByLabel(/Version/).fill('2.0.0');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split('/').at(-1)!;
    await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'waiting_approval');
    await expect(page.getByText('This run waits for an approval')).toBeVisible();
    // The requester may not decide on it (the action does not allow it): no buttons, a sentence.
    await expect(page.getByText(/You asked for this run: someone else/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(page.getByTestId('run-inputs')).toContainText('"version": "2.0.0"');
    await expectNoSeriousAxeViolations(page, 'run page (waiting)');
    await shot(page, 'run-waiting');

    // Another person approves it from the inbox (the count in the navigation says one waits).
    const other = await browser.newContext();
    const approverPage = await other.newPage();
    await signIn(approverPage, approver.email, PASSWORD);
    await approverPage.goto(`/t/${team.slug}/approvals`);
    await expect(approverPage.getByTestId('approval-count')).toContainText('1');
    const item = approverPage.getByTestId('approval-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Deploy service');
    await expectNoSeriousAxeViolations(approverPage, 'approvals inbox');
    await shot(approverPage, 'approvals');
    await item.getByLabel('Comment').fill('ship it');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(approverPage.getByRole('heading', { name: 'Nothing waits for an approval' })).toBeVisible();
    await other.close();

    // The webhook arrives, signed with the secret shown once; the run waits for its report.
    await expect.poll(() => receiver.received.length).toBe(1);
    const sent = receiver.received[0];
    // API.md: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>"> keyed by the secret, computed here on its own.
    const timestamp = String(sent.headers['x-baseplate-timestamp']);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${sent.body}`).digest('hex');
    expect(sent.headers['x-baseplate-signature']).toBe(`v1=${expected}`);
    const payload = JSON.parse(sent.body) as { service: string; version: string; run: { id: string; token: string } };
    expect(payload).toMatchObject({ service: 'payments', version: '2.0.0', run: { id: runId } });
    await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('run-log-live')).toHaveAttribute('data-live', 'true');
    await expect(page.getByTestId('run-log')).toContainText('answered 200');

    // The external system writes to the log with the run's token: the open page shows it live.
    const asRun = { token: payload.run.token };
    const line = await call(request, 'POST', `/teams/${team.slug}/runs/${runId}/logs`, {
      ...asRun,
      body: { message: 'rolling out payments 2.0.0' },
    });
    expect(line.status(), await line.text()).toBe(204);
    await expect(page.getByTestId('run-log')).toContainText('rolling out payments 2.0.0');
    await shot(page, 'run-live');
    const report = await call(request, 'PATCH', `/teams/${team.slug}/runs/${runId}`, {
      ...asRun,
      body: { status: 'succeeded', link: 'https://ci.example/jobs/42', summary: 'Deployed payments 2.0.0' },
    });
    expect(report.status(), await report.text()).toBe(200);

    // The upsert step ran after the report: the run succeeded, the entity changed.
    await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByText('Deployed payments 2.0.0')).toBeVisible();
    await expect(page.getByRole('link', { name: /Open in the external system/ })).toHaveAttribute('href', 'https://ci.example/jobs/42');
    await expect(page.getByText(`Approved by E2E approver`)).toBeVisible();
    await expectNoSeriousAxeViolations(page, 'run page (finished)');
    await shot(page, 'run-finished');

    await page.goto(`/t/${team.slug}/blueprints/service/entities/payments`);
    await expect(page.getByLabel('Properties')).toContainText('2.0.0');

    // The audit log names the run as the cause of the entity's update.
    await page.goto(`/t/${team.slug}/audit`);
    const entry = page.getByTestId('audit-entry').filter({ hasText: 'entity.updated' });
    await expect(entry.first()).toContainText(`run ${runId}`);

    // The lists: the team's runs and the actions page.
    await page.goto(`/t/${team.slug}/runs`);
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expectNoSeriousAxeViolations(page, 'runs page');
    await shot(page, 'runs');
    await page.goto(`/t/${team.slug}/actions`);
    await expect(page.getByTestId('action-row')).toContainText('Deploy service');
    await shot(page, 'list');
    await page.goto(`/t/${team.slug}/blueprints/service`);
    await page.getByRole('link', { name: 'Actions' }).last().click();
    await expect(page.getByRole('heading', { name: 'Service actions' })).toBeVisible();
    await expect(page.getByTestId('action-row')).toContainText('Deploy service');
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expectNoSeriousAxeViolations(page, 'blueprint actions page');
    await shot(page, 'blueprint-actions');
  } finally {
    receiver.server.close();
  }
});

test('a create action runs from the catalog page, with an entity picked in its form', async ({ page, request }) => {
  const admin = await register(request, 'creator');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'cluster', title: 'Cluster', icon: '🖥️' });
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    icon: '⚙️',
    schema: { type: 'object', properties: { cluster: { type: 'string', title: 'Cluster' } } },
  });
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/blueprints/cluster/entities`, {
      token: admin.token,
      body: { identifier: 'eu-west', title: 'EU West', data: {} },
    }),
    201,
    'create the cluster',
  );
  // A create action through the API: its inputs name an entity of another blueprint.
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/actions`, {
      token: admin.token,
      body: {
        identifier: 'new-service',
        title: 'New service',
        icon: '✨',
        blueprint: 'service',
        trigger: 'create',
        user_inputs: {
          type: 'object',
          required: ['name', 'cluster'],
          properties: {
            name: { type: 'string', title: 'Name' },
            cluster: { type: 'string', title: 'Cluster', format: 'entity', blueprint: 'cluster' },
          },
        },
        steps: [
          { type: 'upsert-entity', blueprint: 'service', identifier: '{{ inputs.name }}', data: { cluster: '{{ inputs.cluster }}' } },
        ],
      },
    }),
    201,
    'create the action',
  );

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await page.getByRole('button', { name: /New service/ }).click();
  const dialog = page.getByRole('dialog', { name: /New service/ });
  await dialog.getByLabel('Name').fill('checkout');
  await dialog.getByLabel('Cluster').fill('eu');
  await dialog.getByRole('option', { name: /EU West/ }).click();
  await shot(page, 'create-dialog');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('run-inputs')).toContainText('"cluster": "eu-west"');

  const entity = await expectJson<{ data: { cluster: string } }>(
    await call(request, 'GET', `/teams/${team.slug}/blueprints/service/entities/checkout`, { token: admin.token }),
    200,
    'the entity the run created',
  );
  expect(entity.data.cluster).toBe('eu-west');
});

test("the catalog table's rows run the actions their entity is offered, and only those", async ({ page, request }) => {
  const admin = await register(request, 'rows');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { tier: { type: 'string', enum: ['gold', 'bronze'] } } },
  });
  for (const [identifier, tier] of [
    ['gold-svc', 'gold'],
    ['bronze-svc', 'bronze'],
  ]) {
    await expectJson(
      await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
        token: admin.token,
        body: { identifier, data: { tier } },
      }),
      201,
      `create ${identifier}`,
    );
  }
  // A day-2 action offered on gold services only; its runs wait for an approval (no network).
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/actions`, {
      token: admin.token,
      body: {
        identifier: 'promote',
        title: 'Promote',
        blueprint: 'service',
        trigger: 'day-2',
        condition: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'gold' }] },
        user_inputs: { type: 'object', properties: {} },
        steps: [{ type: 'approval' }],
      },
    }),
    201,
    'create the action',
  );

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  const bronze = page.getByRole('button', { name: 'Run an action on bronze-svc' });
  await bronze.click();
  await expect(page.getByRole('menu', { name: 'Actions on bronze-svc' })).toContainText('No action applies to this entity.');
  await bronze.click();
  await page.getByRole('button', { name: 'Run an action on gold-svc' }).click();
  const menu = page.getByRole('menu', { name: 'Actions on gold-svc' });
  await expect(menu.getByRole('menuitem', { name: /Promote/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'catalog row actions');
  await shot(page, 'row-menu');
  await menu.getByRole('menuitem', { name: /Promote/ }).click();
  await page
    .getByRole('dialog', { name: /Promote/ })
    .getByRole('button', { name: 'Run' })
    .click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status').first()).toHaveAttribute('data-status', 'waiting_approval');

  // A viewer may not run actions: no menu on the rows.
  const viewer = await register(request, 'rows-viewer');
  await addMember(request, admin.token, team.slug, viewer.email, 'viewer');
  await page.context().clearCookies();
  await signIn(page, viewer.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service`);
  await expect(page.locator('tr[data-identifier="gold-svc"]')).toBeVisible();
  await expect(page.getByRole('button', { name: /Run an action on/ })).toHaveCount(0);
});
