import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { unique } from './api';

// Single sign-on through the real OpenID Connect provider that playwright.config.ts starts
// (e2e/support/oidc-test-provider.ts). Each test makes its own provider account.

export const OIDC_ISSUER = `http://127.0.0.1:${process.env.BASEPLATE_E2E_OIDC_PORT}`;
export const SSO_BUTTON = 'Sign in with Test IdP';

export type IdpAccount = {
  login: string;
  email: string;
  email_verified: boolean;
  name: string;
  groups: string[];
  tamper?: Record<string, unknown>;
};

/** Creates (or changes) the provider's account `login`: what its next ID token will say. */
export async function setIdpAccount(request: APIRequestContext, account: IdpAccount): Promise<void> {
  const { login, ...claims } = account;
  const res = await request.put(`${OIDC_ISSUER}/__test/accounts/${login}`, { data: claims });
  expect(res.status(), `set the provider account ${login}`).toBe(204);
}

export function newIdpAccount(label: string, over: Partial<IdpAccount> = {}): IdpAccount {
  const login = unique(label);
  return { login, email: `${login}@example.com`, email_verified: true, name: `SSO ${label}`, groups: [], ...over };
}

/** Baseplate's sign-in page -> the provider's sign-in page -> back (wherever Baseplate sends the person). */
export async function signInWithSso(page: Page, login: string, path = '/login'): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: SSO_BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).not.toHaveURL(new RegExp(`^${OIDC_ISSUER}`));
}

/** The signed-in person of the page's cookie (GET /api/v1/auth/me), or the status when there is none. */
export async function whoAmI(page: Page): Promise<{ id: string; email: string } | number> {
  const res = await page.request.get('/api/v1/auth/me');
  if (res.status() !== 200) return res.status();
  return ((await res.json()) as { user: { id: string; email: string } }).user;
}
