import { expect, test } from '@playwright/test';
import { call, expectError } from './support/api';
import { newIdpAccount, setIdpAccount, signInWithSso, SSO_BUTTON, whoAmI } from './support/sso';

// The `password-off` project: a Baseplate started with BASEPLATE_PASSWORD_SIGNIN=false
// (playwright.config.ts). Single sign-on only: the forms have no password, the API refuses.

test('the sign-in and registration pages show single sign-on only', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: SSO_BUTTON })).toBeVisible();
  await expect(page.getByText('Password sign-in is turned off here')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/login-sso-only.png' });
  await page.goto('/register');
  await expect(page.getByRole('button', { name: SSO_BUTTON })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
});

test('POST /auth/login and /auth/register refuse with a clear error', async ({ request }) => {
  const login = { email: 'someone@example.com', password: 'correct horse battery' };
  for (const [path, body] of [
    ['/auth/login', login],
    ['/auth/register', { ...login, name: 'Someone' }],
  ] as const) {
    const error = await expectError(await call(request, 'POST', path, { body }), 403, path);
    expect(error.error.message).toContain('password sign-in is turned off');
    expect(error.error.details).toEqual({ reason: 'password_signin_disabled' });
  }
});

test('single sign-on still signs people in', async ({ page, request }) => {
  const account = newIdpAccount('sso-only');
  await setIdpAccount(request, account);
  await signInWithSso(page, account.login);
  expect(await whoAmI(page)).toMatchObject({ email: account.email });
});
