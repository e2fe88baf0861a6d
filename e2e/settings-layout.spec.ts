import { expect, test } from '@playwright/test';
import { addMember, call, createApiKey, createRole, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Issue 15 item 8: at 1024 px the settings pages never scroll sideways; their tables (members,
// roles, API keys) scroll inside themselves, however long the names, emails and permission lists.

test.use({ viewport: { width: 1024, height: 768 } });

test('every settings page fits a 1024 px window with long values in its tables', async ({ page, request }) => {
  const admin = await register(request, 'settings-layout-with-a-rather-long-label-for-the-address');
  const team = await createTeam(request, admin.token);
  const { permissions } = await expectJson<{ permissions: Array<{ name: string }> }>(
    await call(request, 'GET', '/permissions', { token: admin.token }),
    200,
    'permissions',
  );
  const all = permissions.map((p) => p.name);
  const longName = 'Platform reliability engineering on-call rotation';
  const role = await createRole(request, admin.token, team.slug, all, longName);
  for (let i = 0; i < 8; i++) {
    const member = await register(request, `settings-layout-member-number-${i}-with-a-long-address-too`);
    await addMember(request, admin.token, team.slug, member.email, i % 2 ? role.name : 'viewer');
    await createApiKey(request, admin.token, team.slug, all, `Deployment pipeline of the payments platform, key number ${i} of many`);
  }
  await signIn(page, admin.email, admin.password);

  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const [path, text] of [
    ['', 'Team settings'],
    ['/members', 'settings-layout-member-number-7'],
    ['/roles', longName],
    ['/api-keys', 'key number 7 of many'],
  ] as const) {
    await page.goto(`/t/${team.slug}/settings${path}`);
    await expect(page.getByText(text).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await overflow(), `${path || '/'} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/screenshots/settings${path.replace('/', '-') || '-general'}-1024.png`, fullPage: true });
  }
});
