import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, createBlueprint, createTeam, register, type Session } from './support/api';

// Sign-in keeps the deep link: a signed-out person opening a catalog URL with a query is sent to
// /login?callbackUrl=<that path and query> and, once signed in, lands on exactly that URL. A
// callbackUrl that would leave this origin (another host, `//host`, `/\host`, `javascript:`) is
// replaced by the default landing page.

async function signInHere(page: Page, user: Session) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test('a signed-out deep link goes through sign-in and back to exactly that URL', async ({ page, request, baseURL }) => {
  const user = await register(request, 'deep-link');
  const team = (await createTeam(request, user.token)).slug;
  await createBlueprint(request, user.token, team, { id: 'service', title: 'Service' });
  const origin = new URL(baseURL!).origin;
  const deep = `/t/${team}/blueprints/service?q=check%20out&sort=-identifier`;

  await page.goto(deep);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(deep);
  // Registering instead keeps it too, both ways.
  const register_ = page.getByRole('link', { name: 'Create an account' });
  expect(new URL((await register_.getAttribute('href'))!, origin).searchParams.get('callbackUrl')).toBe(deep);

  await signInHere(page, user);
  await expect(page).toHaveURL(`${origin}${deep}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Service');
});

test('the register page carries the deep link on to its sign-in link', async ({ page }) => {
  const deep = '/t/acme/blueprints/service?view=abc';
  await page.goto(`/register?callbackUrl=${encodeURIComponent(deep)}`);
  const signInLink = page.getByRole('link', { name: 'Sign in' });
  expect(new URL((await signInLink.getAttribute('href'))!, 'http://x').searchParams.get('callbackUrl')).toBe(deep);
});

test('a hostile callbackUrl leads to the default page, on this origin', async ({ page, request, baseURL }) => {
  const user = await register(request, 'deep-hostile');
  const team = (await createTeam(request, user.token)).slug;
  const origin = new URL(baseURL!).origin;
  for (const hostile of ['https://evil.example/t/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(hostile)}`);
    await signInHere(page, user);
    // The default landing page: / sends a member to their first team.
    await expect(page, hostile).toHaveURL(`${origin}/t/${team}`);
  }
});

test("a client's own copy of the path header is ignored: the redirect names the page asked for", async ({ request }) => {
  const response = await request.get('/t/some-team/blueprints/service?q=1', {
    maxRedirects: 0,
    headers: { 'x-baseplate-path': '//evil.example/x' },
  });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  const location = new URL(response.headers().location!, 'http://x');
  expect(location.pathname).toBe('/login');
  expect(location.searchParams.get('callbackUrl')).toBe('/t/some-team/blueprints/service?q=1');
});
