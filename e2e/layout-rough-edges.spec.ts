import { expect, test, type Locator } from '@playwright/test';
import { addMember, call, createBlueprint, createRole, createTeam, expectJson, register } from './support/api';
import { signIn } from './support/ui';

// Issue 15's rough edges in the layout: the team switcher closes like a menu; a team's 403 and
// 404 pages keep its header and side navigation; Delete buttons look live; the blueprint editor's
// Save bar never covers its JSON pane.

test('the team switcher closes on Escape (focus back on it) and on a click outside', async ({ page, request }) => {
  const admin = await register(request, 'switcher');
  const team = await createTeam(request, admin.token);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}/settings`);
  const toggle = page.getByText(/Switch team:/).locator('xpath=ancestor::summary');
  const create = page.getByRole('link', { name: '+ Create a team' });
  await expect(page.locator('[data-shortcut-ready]')).toBeVisible(); // hydrated

  await toggle.click();
  await expect(create).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(create).toBeHidden();
  await expect(toggle).toBeFocused();

  await toggle.click();
  await expect(create).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(create).toBeHidden();

  // The account menu is the same kind of menu and closes the same way.
  const account = page.getByTestId('user-menu');
  await account.locator('summary').click();
  await expect(account.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(account.getByRole('button', { name: 'Sign out' })).toBeHidden();
});

test("a team's 404 and 403 pages keep the header and the side navigation", async ({ page, request }) => {
  const admin = await register(request, 'refusal-admin');
  const team = await createTeam(request, admin.token);
  const role = await createRole(request, admin.token, team.slug, ['entity:read']);
  const member = await register(request, 'refusal-member');
  await addMember(request, admin.token, team.slug, member.email, role.name);
  await signIn(page, admin.email, admin.password);
  const nav = page.getByRole('navigation', { name: 'Portal' });
  const search = page.getByRole('button', { name: /Search the catalog/ });

  const missing = await page.goto(`/t/${team.slug}/blueprints/nope`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible();
  await expect(search).toBeVisible();
  await expect(page.getByRole('link', { name: "Back to the team's catalog" })).toHaveAttribute('href', `/t/${team.slug}`);

  await page.context().clearCookies();
  await signIn(page, member.email, member.password);
  const refused = await page.goto(`/t/${team.slug}/api-reference`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible();
  await expect(search).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/team-403.png' });
});

/** A button that reads as live: not disabled, red text on a visible red border. */
async function expectLiveDangerButton(button: Locator) {
  await expect(button).toBeEnabled();
  const style = await button.evaluate((b) => {
    const cs = getComputedStyle(b);
    // Colours compute as oklch(): painted on a canvas, they read back as sRGB.
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgb = (c: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = c;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    return { color: rgb(cs.color), border: rgb(cs.borderTopColor), width: parseFloat(cs.borderTopWidth) };
  });
  const red = ([r, g, b]: number[]) => r > 150 && r > g * 1.5 && r > b * 1.5;
  expect(red(style.color), `text colour ${style.color}`).toBe(true);
  expect(style.width).toBeGreaterThanOrEqual(1);
  expect(red(style.border), `border colour ${style.border}`).toBe(true);
}

test('Delete buttons look live; the Save bar never covers the JSON pane', async ({ page, request }) => {
  const admin = await register(request, 'rough-delete');
  const team = await createTeam(request, admin.token);
  const properties = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`field_${i}`, { type: 'string', title: `Field ${i}` }]));
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service', schema: { type: 'object', properties } });
  await expectJson(
    await call(request, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
      token: admin.token,
      body: { identifier: 'payments', title: 'Payments', data: {} },
    }),
    201,
    'entity',
  );
  await signIn(page, admin.email, admin.password);
  await page.emulateMedia({ colorScheme: 'light' });

  await page.goto(`/t/${team.slug}/blueprints/service/entities/payments`);
  await expectLiveDangerButton(page.getByRole('button', { name: 'Delete payments' }));

  await page.goto(`/t/${team.slug}/blueprints/service/edit`);
  const save = page.getByRole('button', { name: 'Save changes' });
  await expect(save).toBeVisible();
  await expectLiveDangerButton(page.getByRole('button', { name: /^Delete/ }).last());

  // Scrolled through the long property list, the JSON pane stays in view, whole, between the
  // header and the sticky Save bar; its parse error too.
  const json = page.locator('#schema-json');
  const bar = save.locator('xpath=..');
  const fits = async (what: string) => {
    const [pane, saveBar] = [(await json.boundingBox())!, (await bar.boundingBox())!];
    expect(pane.y, `${what}: the pane's top is in view`).toBeGreaterThanOrEqual(56);
    expect(pane.y + pane.height, `${what}: the pane ends above the Save bar`).toBeLessThanOrEqual(saveBar.y + 1);
  };
  for (const y of [700, 1100, 100_000]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await fits(`scrolled to ${y}`);
  }
  await page.evaluate(() => window.scrollTo(0, 1100));
  await json.fill('{"type": "object",');
  const error = page.locator('#schema-json-error');
  await expect(error).toBeVisible();
  await fits('with a parse error');
  expect((await error.boundingBox())!.y + (await error.boundingBox())!.height).toBeLessThanOrEqual((await bar.boundingBox())!.y + 1);
  await page.screenshot({ path: 'test-results/screenshots/blueprint-editor-save-bar.png' });
});
