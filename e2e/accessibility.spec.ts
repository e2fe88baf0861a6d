import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/axe';
import { PAGES, SIGNED_OUT, seedTeamBeforeAll, settle, type Seed } from './support/seeded-pages';
import { signIn } from './support/ui';

// Issue 15 item 7: no serious or critical axe-core violation on ANY page. Every page of app/ is
// listed in support/seeded-pages.ts with a URL into a team that has something on each of them (two blueprints linked
// by a relation, entities, a scorecard, an action with a run waiting for its approval, an
// integration); the first test fails the day a page is added without its line here.

/** The routes of app/**\/page.tsx, route groups `(x)` left out. */
function appPages(): string[] {
  const app = path.join(import.meta.dirname, '..', 'app');
  return (readdirSync(app, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => /(^|[\\/])page\.tsx$/.test(f))
    .map((f) => {
      const parts = path
        .dirname(f)
        .split(/[\\/]/)
        .filter((p) => p !== '.' && !(p.startsWith('(') && p.endsWith(')')));
      return `/${parts.join('/')}`;
    })
    .sort();
}

test('every page of the app is in the accessibility check', () => {
  expect(appPages()).toEqual(Object.keys(PAGES).sort());
});

test.describe('no serious or critical axe violation', () => {
  // A page's first render on a busy 2-core CI machine (the API reference's above all) takes a while.
  test.describe.configure({ timeout: 120_000 });
  let seed: Seed;
  seedTeamBeforeAll((s) => (seed = s));

  test('the first Tab reaches a skip link that takes the keyboard past the header and navigation', async ({ page }) => {
    await signIn(page, seed.admin.email, seed.admin.password);
    await page.goto(`/t/${seed.team}/blueprints/service`);
    await settle(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await expect(page.locator('main#main')).toBeFocused();
  });

  for (const [route, url] of Object.entries(PAGES)) {
    test(route, async ({ page }) => {
      if (!SIGNED_OUT.has(route)) await signIn(page, seed.admin.email, seed.admin.password);
      await page.goto(url(seed));
      await settle(page);
      await expectNoSeriousAxeViolations(page, route);
    });
  }
});
