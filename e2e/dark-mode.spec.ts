import { expect, test, type Page } from '@playwright/test';
import { call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { expectNoSeriousAxeViolations } from './support/axe';
import { signIn } from './support/ui';

// Issue 15 item 8: a dark mode that follows the system setting, with a switch (System, Light,
// Dark) in the account menu that applies at once and is kept across pages and reloads.

/** The page background's relative luminance, 0 (black) to 1 (white). */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = getComputedStyle(document.body).backgroundColor;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
    const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  });
}

async function pickTheme(page: Page, name: 'System' | 'Light' | 'Dark') {
  const menu = page.getByTestId('user-menu');
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
  const group = page.getByRole('group', { name: 'Theme' });
  await expect(group).toHaveAttribute('data-ready', 'true'); // hydrated: a click is heard
  await group.locator('label', { hasText: name }).click(); // the radio itself is visually hidden
  await expect(group.getByRole('radio', { name })).toBeChecked();
}

test('the theme follows the system, and the switch overrides it at once and across reloads', async ({ page, request }) => {
  const admin = await register(request, 'dark-mode');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { owner: { type: 'string', title: 'Owner' } } },
  });
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
      token: admin.token,
      body: { identifier: 'payments', title: 'Payments', data: { owner: 'team-pay' } },
    }),
    201,
    'entity',
  );

  await page.emulateMedia({ colorScheme: 'dark' });
  await signIn(page, admin.email, admin.password);
  const catalog = `/t/${team.slug}/blueprints/service`;
  await page.goto(catalog);
  await expect(page.getByRole('row', { name: /payments/ })).toBeVisible();
  // The system says dark and nothing was picked: dark, without a data-theme.
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await backgroundLuminance(page)).toBeLessThan(0.05);
  await expectNoSeriousAxeViolations(page, 'catalog in dark mode');
  await page.screenshot({ path: 'test-results/screenshots/dark-catalog.png' });
  await page.goto(`${catalog}/entities/payments`);
  await expect(page.getByRole('heading', { name: 'Payments' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'entity page in dark mode');

  // Light, picked: at once, then kept by a reload.
  await pickTheme(page, 'Light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);

  // Back to the system's (dark), then Dark picked under a light system.
  await pickTheme(page, 'System');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await backgroundLuminance(page)).toBeLessThan(0.05);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await backgroundLuminance(page)).toBeGreaterThan(0.9);
  await pickTheme(page, 'Dark');
  await page.goto(catalog);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundLuminance(page)).toBeLessThan(0.05);
});
