import { expect, test, type Page } from '@playwright/test';
import { PAGES, SIGNED_OUT, seedTeamBeforeAll, settle, type Seed } from './support/seeded-pages';
import { signIn } from './support/ui';

// Issue 15 item 7, beyond axe's serious rules: on every page, one h1 and headings that never skip
// a level going down (h2 then h4), and form fields a screen reader can tell apart: no two fields
// of a page share an accessible name (the builder's rows and the filter's rules name theirs by
// row). Names come from the page's accessibility tree, as a screen reader reads them.

const FIELD_ROLES = ['textbox', 'combobox', 'checkbox', 'spinbutton', 'searchbox', 'switch', 'slider', 'listbox'];

/** The heading levels in document order, of the headings a person can see. */
function headingLevels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter((h) => (h as HTMLElement).offsetParent !== null || getComputedStyle(h).position === 'fixed')
      .map((h) => ({
        level: h.getAttribute('aria-level') ? Number(h.getAttribute('aria-level')) : Number(h.tagName.slice(1)),
        text: (h.textContent ?? '').trim().slice(0, 60),
      })),
  );
}

/** Form fields of the page (role and name) whose name another field of the page has too. */
async function sameNamedFields(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const seen = new Map<string, number>();
  for (const line of snapshot.split('\n')) {
    const m = /^\s*- (\w+) "((?:[^"\\]|\\.)*)"/.exec(line);
    if (!m || !FIELD_ROLES.includes(m[1])) continue;
    const key = `${m[1]} "${m[2]}"`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

test.describe('every page', () => {
  test.describe.configure({ timeout: 300_000 });
  let seed: Seed;
  seedTeamBeforeAll((s) => (seed = s));

  test('has one h1, headings in order, and form fields with names of their own', async ({ page }) => {
    const faults: string[] = [];
    const visit = async (route: string, url: string) => {
      await page.goto(url);
      await settle(page);
      const levels = await headingLevels(page);
      const h1s = levels.filter((h) => h.level === 1).length;
      if (h1s !== 1) faults.push(`${route}: ${h1s} h1 headings`);
      levels.forEach((h, i) => {
        const before = i === 0 ? 1 : levels[i - 1].level;
        if (h.level > before + 1) faults.push(`${route}: h${h.level} "${h.text}" after h${before}`);
      });
      for (const clash of await sameNamedFields(page)) faults.push(`${route}: ${clash}`);
    };
    for (const route of SIGNED_OUT) await visit(route, PAGES[route](seed));
    await signIn(page, seed.admin.email, seed.admin.password);
    for (const [route, url] of Object.entries(PAGES)) if (!SIGNED_OUT.has(route)) await visit(route, url(seed));
    expect(faults).toEqual([]);
  });

  test('the catalog table names its sort buttons for what a press does', async ({ page }) => {
    await signIn(page, seed.admin.email, seed.admin.password);
    await page.goto(PAGES['/t/[team]/blueprints/[blueprint]'](seed));
    await settle(page);
    const sorts = page.getByRole('columnheader').getByRole('button');
    const names = await sorts.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) expect(name, 'a sort button says what a press does').toMatch(/^Sort (by )?.+ (ascending|descending)/i);
  });
});
