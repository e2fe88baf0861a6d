import { expect, test } from '@playwright/test';
import { PASSWORD, addMember, call, createApiKey, createTeam, expectError, register, setUserStatus, unique } from './support/api';
import { signIn } from './support/ui';

// The journeys a team admin and a viewer take in the browser (real Chromium, real server).

test('an admin registers, creates a team, adds a member, makes a role and an API key, reads the audit log, and signs out', async ({
  page,
  request,
  baseURL,
}) => {
  // The longest journey of the suite (a dozen pages): more than the default 30 s on a busy CI machine.
  test.slow();
  const email = `${unique('admin')}@example.com`;
  await page.goto('/register');
  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible(); // inline, nothing lost
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/teams\/new$/);

  const teamName = `Journey ${unique('t')}`;
  await page.getByLabel('Team name').fill(teamName);
  const slug = await page.getByLabel('Slug').inputValue();
  expect(slug).toMatch(/^journey-t-/); // derived from the name as the user types
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}$`));
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await expect(page.getByText('No blueprints yet')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(teamName);

  const colleague = await register(request, 'colleague');
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Members' }).click();
  await page.getByLabel('Email of an existing account').fill('nobody-' + colleague.email);
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('form', { name: 'Add a member' }).getByRole('alert')).toContainText(/no account uses/i);
  await page.getByLabel('Email of an existing account').fill(colleague.email);
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Add member' }).click();
  const row = page.getByTestId(`member-${colleague.email}`);
  await expect(row).toBeVisible();
  await expect(row.getByRole('combobox')).toHaveValue('viewer');

  // The last admin cannot demote themself: the API's refusal is shown inline.
  await page.getByTestId(`member-${email}`).getByRole('combobox').selectOption('viewer');
  await expect(page.getByTestId(`member-${email}`).getByRole('alert')).toContainText('last admin');
  await expect(page.getByTestId(`member-${email}`).getByRole('combobox')).toHaveValue('admin');

  // A custom role made by ticking permissions.
  const nav = page.getByRole('navigation', { name: 'Portal' });
  await nav.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('button', { name: 'New role' }).click();
  // A built-in name in another case is refused at the name; no permission ticked is warned about.
  await page.getByLabel('Role name').fill('Viewer');
  await expect(page.getByTestId('no-permission-warning')).toBeVisible();
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByText(/is the name of the built-in role "viewer"/)).toBeVisible();
  await page.getByLabel('Role name').fill('catalog-auditor');
  await page.getByLabel(/^entity:read/).check();
  await expect(page.getByTestId('no-permission-warning')).toHaveCount(0);
  await page.getByLabel(/^team:manage/).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  const role = page.getByTestId('role-catalog-auditor');
  await expect(role.getByRole('list', { name: 'Entities permissions' })).toHaveText('read');
  await expect(role.getByRole('list', { name: 'Team permissions' })).toHaveText('manage');
  await expect(page.getByTestId('role-admin').getByRole('button', { name: 'Edit' })).toHaveCount(0); // defaults are fixed
  await page.screenshot({ path: 'test-results/screenshots/roles.png' });

  // An API key, shown once, used from a script.
  await nav.getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Create API key' }).click();
  await page.getByLabel('Key name').fill('ci-script');
  await page.getByLabel(/^blueprint:read/).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-api-key-value').textContent())?.trim() ?? '';
  expect(key).toMatch(/^bp_[0-9a-f]{64}$/);
  await page.screenshot({ path: 'test-results/screenshots/api-keys.png' });
  const asScript = (path: string, init: RequestInit = {}) =>
    fetch(`${baseURL}/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
  const members = await asScript(`/teams/${slug}/members`);
  expect(members.status).toBe(200);
  expect(((await members.json()) as { members: Array<{ email: string }> }).members.map((m) => m.email).sort()).toEqual(
    [email, colleague.email].sort(),
  );
  expect(
    (await asScript(`/teams/${slug}/members`, { method: 'POST', body: JSON.stringify({ email: colleague.email, role: 'admin' }) })).status,
  ).toBe(403);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0); // gone for good
  await expect(page.getByTestId('api-key-ci-script')).toContainText('entity:read');

  // The audit log shows each change, who made it and what changed.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  const entries = page.getByTestId('audit-entry');
  for (const action of ['team.created', 'member.added', 'role.created', 'api_key.created']) {
    await expect(entries.filter({ hasText: action }).first()).toContainText('Ada Admin');
  }
  await expect(entries.filter({ hasText: 'member.added' })).toContainText('viewer');
  await expect(entries.filter({ hasText: 'role.created' })).toContainText('catalog-auditor');
  await page.getByLabel('Action').selectOption('member.added');
  await expect(page).toHaveURL(/action=member\.added/);
  await expect(entries).toHaveCount(1);
  await page.reload(); // the filter lives in the URL
  await expect(entries).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/audit.png' });

  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`/t/${slug}`);
  // Signed out, the page asked for rides along to the sign-in page (and back after it).
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${encodeURIComponent(`/t/${slug}`)}$`));
});

test('a viewer sees no button it cannot use, and a forbidden page typed into the URL is a clear 403', async ({ page, request }) => {
  const admin = await register(request, 'owner');
  const team = await createTeam(request, admin.token);
  const viewer = await register(request, 'viewer');
  await addMember(request, admin.token, team.slug, viewer.email, 'viewer');

  await signIn(page, viewer.email, PASSWORD);
  await page.goto(`/t/${team.slug}/settings/members`);
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByTestId(`member-${admin.email}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add member' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);

  const nav = page.getByRole('navigation', { name: 'Portal' });
  await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible();
  for (const hidden of ['General', 'API keys', 'Audit log']) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);

  for (const path of ['settings/api-keys', 'audit', 'settings']) {
    const response = await page.goto(`/t/${team.slug}/${path}`);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  }
});

test('suspending a user ends their browser session at once, and they cannot sign in again', async ({ page, request }) => {
  const admin = await register(request, 'owner');
  const team = await createTeam(request, admin.token);
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/settings/members`);
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();

  await setUserStatus(admin.user.id, 'suspended');
  await page.reload();
  const back = encodeURIComponent(`/t/${team.slug}/settings/members`);
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${back}$`)); // the cookie is still there; the session is not
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'suspended' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/login\\?callbackUrl=${back}$`));
});

test('a write riding on the session cookie from another site is refused; the same write from the portal works', async ({
  page,
  request,
  baseURL,
}) => {
  const admin = await register(request, 'owner');
  const team = await createTeam(request, admin.token);
  await signIn(page, admin.email, PASSWORD);
  const body = { name: 'Renamed by a form elsewhere' };
  const forged = await page.request.patch(`/api/v1/teams/${team.slug}`, { data: body, headers: { Origin: 'https://evil.example' } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe('forbidden');
  const own = await page.request.patch(`/api/v1/teams/${team.slug}`, { data: body, headers: { Origin: new URL(baseURL!).origin } });
  expect(own.status()).toBe(200);
  expect((await own.json()).name).toBe(body.name);
});

test('after sign-in, ?next= leads only to a path of this site: /\\example.org/x stays here', async ({ page, request, baseURL }) => {
  const user = await register(request, 'next');
  const team = await createTeam(request, user.token);
  const origin = new URL(baseURL!).origin;
  const signInVia = async (next: string) => {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).not.toHaveURL(/\/login/);
  };
  await signInVia('/\\example.org/x');
  expect(new URL(page.url()).origin).toBe(origin);
  await page.context().clearCookies();
  await signInVia(`/t/${team.slug}/settings/members`);
  await expect(page).toHaveURL(`${origin}/t/${team.slug}/settings/members`);
});

test('signing out ends the session on the server: a copy of the old cookie is refused afterwards', async ({ page, browser, request }) => {
  const user = await register(request, 'signout');
  const team = await createTeam(request, user.token);
  await signIn(page, user.email, PASSWORD);
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(200);
  const stolen = await page.context().cookies();
  expect(stolen.some((c) => /session-token/.test(c.name))).toBe(true);

  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  const replay = await browser.newContext();
  try {
    await replay.addCookies(stolen);
    expect((await replay.request.get('/api/v1/auth/me')).status()).toBe(401);
    const other = await replay.newPage();
    await other.goto(`/t/${team.slug}`);
    await expect(other).toHaveURL(/\/login/);
  } finally {
    await replay.close();
  }
});

test('the remove-member dialog lists the API keys the removal revokes, and they stop working', async ({ page, request }) => {
  const admin = await register(request, 'owner');
  const team = await createTeam(request, admin.token);
  const leaver = await register(request, 'leaver');
  await addMember(request, admin.token, team.slug, leaver.email, 'admin');
  const key = await createApiKey(request, leaver.token, team.slug, ['entity:read'], `deploy-bot-${unique('k')}`);

  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/settings/members`);
  const row = page.getByTestId(`member-${leaver.email}`);
  await row.getByRole('button', { name: `Remove ${leaver.email}` }).click();
  await expect(row.getByTestId('removal-keys')).toContainText(key.api_key.name);
  await expect(row.getByTestId('removal-keys')).toContainText(key.api_key.prefix);
  await page.screenshot({ path: 'test-results/screenshots/remove-member.png' });
  await row.getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByTestId(`member-${leaver.email}`)).toHaveCount(0);
  await expectError(await call(request, 'GET', `/teams/${team.slug}`, { token: key.key }), 401, "the removed member's key");
});

test('the register form says inline why a common or over-long password is refused', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Name').fill('Weak Walter');
  await page.getByLabel('Email').fill(`${unique('weak')}@example.com`);
  await page.getByLabel('Password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('This password is one of the most common ones. Choose another.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/register-weak-password.png' });
  await page.getByLabel('Password').fill('é'.repeat(40));
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/at most 72 bytes/)).toBeVisible();
  await expect(page).toHaveURL(/\/register$/);
});
