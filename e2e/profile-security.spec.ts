import { expect, test } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, register, unique, PASSWORD } from './support/api';
import { signIn } from './support/ui';

// The profile and security page (issue 16, item 4), in real browsers: a password change in one
// browser signs the other out; a session revoked from the list is signed out; a personal access
// token made in the page calls the API until it is revoked, and is refused on the very next call.

test('changing the password in one browser signs the other out on its next navigation', async ({ browser, request }) => {
  const user = await register(request, 'pw');
  const team = await createTeam(request, user.token);
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const a = await first.newPage();
    const b = await second.newPage();
    await signIn(a, user.email, PASSWORD);
    await signIn(b, user.email, PASSWORD);
    await b.goto(`/t/${team.slug}`);
    await expect(b.getByRole('heading', { level: 1 })).toBeVisible();

    await a.goto('/profile');
    await expect(a.getByRole('heading', { level: 1, name: 'Profile and security' })).toBeVisible();
    // Two browser sessions are listed, this one marked.
    await expect(a.getByTestId('session-row')).toHaveCount(2);
    await expect(a.locator('[data-testid="session-row"][data-current]')).toContainText('This session');

    const form = a.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill('a brand new passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByText('The current password is wrong.')).toBeVisible();

    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(a.getByTestId('password-changed')).toContainText('1 other browser session was signed out');
    await expect(a.getByTestId('session-row')).toHaveCount(1);
    await a.screenshot({ path: 'test-results/screenshots/profile-password-changed.png', fullPage: true });

    await b.goto(`/t/${team.slug}`);
    await expect(b).toHaveURL(/\/login/);
    // The old login token (from registering) was revoked too; this browser stays signed in.
    await expectError(await call(request, 'GET', '/auth/me', { token: user.token }), 401, 'the login token made before the change');
    await a.goto(`/t/${team.slug}`);
    await expect(a).not.toHaveURL(/\/login/);
  } finally {
    await first.close();
    await second.close();
  }
});

test('revoking another browser session from the list signs that browser out', async ({ browser, request }) => {
  const user = await register(request, 'sess');
  const first = await browser.newContext();
  const second = await browser.newContext({
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
  });
  try {
    const a = await first.newPage();
    const b = await second.newPage();
    await signIn(a, user.email, PASSWORD);
    await signIn(b, user.email, PASSWORD);
    await a.goto('/profile');
    const other = a.locator('[data-testid="session-row"]:not([data-current])');
    // The other browser's first request gave its session its user agent and address.
    await expect(other).toContainText('Firefox on Windows');
    await other.getByRole('button', { name: /^Revoke session/ }).click();
    await other.getByRole('button', { name: 'Revoke now' }).click();
    await expect(a.getByTestId('session-row')).toHaveCount(1);
    await b.goto('/profile');
    await expect(b).toHaveURL(/\/login/);
  } finally {
    await first.close();
    await second.close();
  }
});

test('a personal token made in the page calls the API in its team only, and is refused right after its revocation', async ({
  page,
  request,
}) => {
  const user = await register(request, 'pat');
  const team = await createTeam(request, user.token);
  const other = await createTeam(request, user.token);
  await createBlueprint(request, user.token, team.slug, { id: 'service', schema: { type: 'object', properties: {} } });
  await signIn(page, user.email, PASSWORD);
  await page.goto('/profile');
  await expect(page.getByText('No personal tokens yet.')).toBeVisible();

  const name = unique('deploy');
  await page.getByRole('button', { name: 'Create personal token' }).click();
  const form = page.getByRole('form', { name: 'New personal token' });
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByText('Name the token after what uses it')).toBeVisible();
  await form.getByLabel('Token name').fill(name);
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByText('Choose at least one team.')).toBeVisible();
  await form.getByLabel(team.name).check();
  await form.getByLabel('Read and write (editor)').check();
  await form.getByRole('button', { name: 'Create token' }).click();

  const secret = (await page.getByTestId('new-personal-token-value').innerText()).trim();
  expect(secret).toMatch(/^bpp_[0-9a-f]{64}$/);
  await expect(page.getByTestId(`personal-token-${name}`)).toContainText('Read and write (editor)');
  await page.screenshot({ path: 'test-results/screenshots/profile-personal-token.png', fullPage: true });

  // It works in its team, as the person, with the editor level (no team:manage though the person is admin).
  const me = await expectJson<{ user: { id: string }; teams: Array<{ slug: string }> }>(
    await call(request, 'GET', '/auth/me', { token: secret }),
    200,
    'me by personal token',
  );
  expect(me.user.id).toBe(user.user.id);
  expect(me.teams.map((t) => t.slug)).toEqual([team.slug]);
  await expectJson(await call(request, 'GET', `/teams/${team.slug}/blueprints`, { token: secret }), 200, 'blueprints in its team');
  await expectError(await call(request, 'GET', `/teams/${team.slug}/api-keys`, { token: secret }), 403, 'team:manage is above its level');
  await expectError(await call(request, 'GET', `/teams/${other.slug}`, { token: secret }), 404, 'a team it does not reach');
  await expectError(await call(request, 'GET', '/auth/personal-tokens', { token: secret }), 403, 'it cannot manage the account');

  // The page shows its last use (stamped after the response).
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByTestId(`personal-token-${name}`).innerText();
    })
    .not.toContain('never');

  const row = page.getByTestId(`personal-token-${name}`);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: 'Revoke now' }).click();
  await expect(row).toContainText('revoked');
  await expectError(await call(request, 'GET', `/teams/${team.slug}/blueprints`, { token: secret }), 401, 'the revoked token');
});
