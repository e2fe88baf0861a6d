import { expect, test, type Page } from '@playwright/test';
import { PAGES, SIGNED_OUT, seedTeamBeforeAll, settle, type Seed } from './support/seeded-pages';
import { signIn } from './support/ui';

// Issue 15's rough edges, on every page of the app (the same seeded team as the accessibility
// check): each tab title names its page ("Service scorecards · Baseplate"), no two alike; and no
// select is narrower than its options' labels.

/** The visible selects whose longest option does not fit in the box (font measured, arrow allowed for). */
function narrowSelects(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    return [...document.querySelectorAll('select')]
      .filter((s) => s.offsetParent !== null)
      .map((s) => {
        const cs = getComputedStyle(s);
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const longest = Math.max(0, ...[...s.options].map((o) => ctx.measureText(o.text).width));
        // The native arrow takes its place inside the right padding only when that padding is
        // wide enough; otherwise count it (about 1.25em) besides the padding.
        const arrow = cs.appearance === 'none' ? 0 : Math.max(0, parseFloat(cs.fontSize) * 1.25 - parseFloat(cs.paddingRight));
        const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - arrow;
        const name = s.getAttribute('aria-label') ?? (s.labels?.[0]?.textContent || s.id || s.name);
        return { name, longest: Math.ceil(longest), room: Math.floor(room) };
      })
      .filter((x) => x.longest > x.room);
  });
}

test.describe('every page', () => {
  test.describe.configure({ timeout: 300_000 });
  let seed: Seed;
  seedTeamBeforeAll((s) => (seed = s));

  test('has a distinct tab title naming the page, and selects as wide as their labels', async ({ page }) => {
    const titles = new Map<string, string>();
    const narrow: string[] = [];
    await signIn(page, seed.admin.email, seed.admin.password);
    for (const [route, url] of Object.entries(PAGES)) {
      if (SIGNED_OUT.has(route)) continue;
      await page.goto(url(seed));
      await settle(page);
      if (route === '/') continue; // the start page sends a signed-in person to the team's home
      const title = await page.title();
      expect(title, route).toMatch(/^\S.* · Baseplate$/);
      const heading = (await page.locator('h1').first().innerText()).trim();
      console.log(`${route}: "${title}" (h1 "${heading}")`);
      const clash = [...titles].find(([, t]) => t === title);
      expect(clash, `${route} has the title of ${clash?.[0]}`).toBeUndefined();
      titles.set(route, title);
      for (const s of await narrowSelects(page)) narrow.push(`${route}: "${s.name}" needs ${s.longest}px, has ${s.room}px`);
    }
    expect(narrow).toEqual([]);
  });

  test('signed out, the sign-in and sign-up tabs say so', async ({ page }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle('Sign in · Baseplate');
    await page.goto('/register');
    await expect(page).toHaveTitle('Create an account · Baseplate');
  });
});
