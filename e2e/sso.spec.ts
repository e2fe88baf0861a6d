import { expect, test, type Browser, type Page } from '@playwright/test';
import { call, createRole, createTeam, expectError, expectJson, register, unique, type Team } from './support/api';
import { signIn } from './support/ui';
import { newIdpAccount, setIdpAccount, signInWithSso, SSO_BUTTON, whoAmI, type IdpAccount } from './support/sso';

// Single sign-on against a real OpenID Connect provider on loopback (oidc-provider, started by
// playwright.config.ts), through Auth.js in the real server and real Chromium: nothing mocked.

test('the first single sign-on creates the account; the session is a server-side one that sign-out ends', async ({ page, request }) => {
  const account = newIdpAccount('first');
  await setIdpAccount(request, account);
  await signInWithSso(page, account.login);
  const me = await whoAmI(page);
  expect(me).toMatchObject({ email: account.email });
  // No password: the password sign-in of that email fails like a wrong password.
  await expectError(
    await call(request, 'POST', '/auth/login', { body: { email: account.email, password: 'correct horse battery' } }),
    401,
    'password login of an SSO account',
  );

  const cookies = await page.context().cookies();
  await page.goto('/');
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The old cookie, replayed, names a session row that no longer exists.
  await page.context().addCookies(cookies);
  expect(await whoAmI(page)).toBe(401);
});

test('single sign-on links to the existing password account with the same verified email', async ({ page, request }) => {
  const owner = await register(request, 'linked');
  const account = newIdpAccount('linked', { email: owner.email.toUpperCase() });
  await setIdpAccount(request, account);
  await signInWithSso(page, account.login);
  expect(await whoAmI(page)).toMatchObject({ id: owner.user.id });
  // The password still works too.
  await expectJson(
    await call(request, 'POST', '/auth/login', { body: { email: owner.email, password: owner.password } }),
    200,
    'password login',
  );
});

test('an email the provider has not verified is refused with a clear message, and no account is made', async ({ page, request }) => {
  const account = newIdpAccount('unverified', { email_verified: false });
  await setIdpAccount(request, account);
  await signInWithSso(page, account.login);
  await expect(page).toHaveURL(/\/login\?error=email_unverified/);
  await expect(page.getByRole('alert').filter({ hasText: 'has not verified your email address' })).toBeVisible();
  expect(await whoAmI(page)).toBe(401);
  // The email is still free: registering it succeeds.
  const res = await call(request, 'POST', '/auth/register', {
    body: { email: account.email, password: 'correct horse battery', name: 'Later' },
  });
  expect(res.status()).toBe(201);
});

for (const [what, tamper] of [
  ['an audience other than Baseplate', { aud: 'another-client' }],
  ['a nonce from another sign-in', { nonce: 'not-this-sign-in' }],
] as const) {
  test(`an ID token with ${what} is refused (Auth.js checks it), and no account is made`, async ({ page, request }) => {
    const account = newIdpAccount('tampered', { tamper });
    await setIdpAccount(request, account);
    await signInWithSso(page, account.login);
    await expect(page).toHaveURL(/\/login\?error=/);
    await expect(page.getByRole('alert').filter({ hasText: 'Single sign-on failed' })).toBeVisible();
    expect(await whoAmI(page)).toBe(401);
    const res = await call(request, 'POST', '/auth/register', {
      body: { email: account.email, password: 'correct horse battery', name: 'Later' },
    });
    expect(res.status(), 'the email has no account').toBe(201);
  });
}

async function roleIn(browser: Browser, account: IdpAccount, team: string): Promise<string | null> {
  // A fresh browser each time: a new sign-in at the provider and at Baseplate, as the next day would be.
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  try {
    await signInWithSso(page, account.login);
    const res = await page.request.get(`/api/v1/teams/${team}`);
    if (res.status() === 404) return null;
    expect(res.status()).toBe(200);
    return ((await res.json()) as Team).role;
  } finally {
    await context.close();
  }
}

test('group mappings: off, a team is left alone; on, sign-in joins, changes the role, and removes at the next sign-in', async ({
  browser,
  page,
  request,
}) => {
  const admin = await register(request, 'mapper');
  const team = (await createTeam(request, admin.token)).slug;
  // sre: the viewer's permissions and more, so the wider of the two roles mapped below.
  const roles = await expectJson<{ roles: Array<{ name: string; permissions: string[] }> }>(
    await call(request, 'GET', `/teams/${team}/roles`, { token: admin.token }),
    200,
    'roles',
  );
  const viewer = roles.roles.find((r) => r.name === 'viewer')!.permissions;
  await createRole(request, admin.token, team, [...new Set([...viewer, 'entity:write', 'entity:delete'])], 'sre');
  const ops = unique('ops');
  const account = newIdpAccount('grouped', { groups: [ops, 'unmapped'] });
  await setIdpAccount(request, account);
  expect(await roleIn(browser, account, team), 'no mapping: not a member').toBeNull();

  // The admin maps the group on the team settings page.
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team}/settings`);
  const section = page.getByRole('region', { name: 'Single sign-on groups' });
  await expect(section.getByText('No group is mapped')).toBeVisible();
  await section.getByLabel('Group', { exact: true }).fill(ops);
  await section.getByLabel('Gives the role').selectOption('sre');
  await section.getByRole('button', { name: 'Add mapping' }).click();
  await expect(section.getByRole('list', { name: 'Mapped groups' })).toContainText(`${ops} gives sre`);
  await section.getByRole('button', { name: 'Add mapping' }).click(); // the same group again: an inline error
  await expect(section.getByText('Enter the group as your identity provider names it.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/team-settings-sso-groups.png', fullPage: true });

  expect(await roleIn(browser, account, team)).toBe('sre');
  await setIdpAccount(request, { ...account, groups: [ops, `${ops}-readers`] });
  await expectJson(
    await call(request, 'POST', `/teams/${team}/group-mappings`, { token: admin.token, body: { group: `${ops}-readers`, role: 'viewer' } }),
    201,
    'second mapping',
  );
  expect(await roleIn(browser, account, team), 'the wider role of the two').toBe('sre');
  await setIdpAccount(request, { ...account, groups: [`${ops}-readers`] });
  expect(await roleIn(browser, account, team), 'role change').toBe('viewer');
  await setIdpAccount(request, { ...account, groups: [] });
  expect(await roleIn(browser, account, team), 'left the group: out of the team').toBeNull();

  const audit = await expectJson<{ audit_logs: Array<{ action: string; new_data: { reason?: string } | null }> }>(
    await call(request, 'GET', `/teams/${team}/audit-logs?entity_type=member`, { token: admin.token }),
    200,
    'audit',
  );
  const byMapping = audit.audit_logs.filter((e) => e.new_data?.reason === 'group_mapping').map((e) => e.action);
  // Joined as sre; the second mapped group changed nothing (sre stays the wider); then viewer; then out.
  expect(byMapping.sort()).toEqual(['member.added', 'member.removed', 'member.role_changed'].sort());
});

test('the sign-in page offers single sign-on beside the password form', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: SSO_BUTTON })).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/login-with-sso.png' });
});
