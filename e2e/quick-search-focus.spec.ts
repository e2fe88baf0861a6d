import { expect, test } from '@playwright/test';
import { createBlueprint, createTeam, register } from './support/api';
import { signIn } from './support/ui';

// Issue 15 item 7: when the quick search closes without a choice (Escape, a click beside it, or
// Ctrl+K again), focus goes back where it was: the trigger, or the element that had it.

test('closing the quick search returns focus to the trigger or to the element that had it', async ({ page, request }) => {
  const admin = await register(request, 'qs-focus');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'service', title: 'Service' });
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}`);
  const trigger = page.getByRole('button', { name: /Search the catalog/ });
  await expect(page.locator('[data-shortcut-ready]')).toBeVisible(); // hydrated
  const dialog = page.getByRole('dialog', { name: 'Quick search' });

  // Opened by a click, closed by Escape: back on the trigger.
  await trigger.click();
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(trigger).toBeFocused();

  // Closed by a click on the backdrop, choosing nothing: back on the trigger.
  await trigger.click();
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.mouse.click(10, 700);
  await expect(dialog).toHaveCount(0);
  await expect(trigger).toBeFocused();

  // Opened by Ctrl+K from a link of the side navigation: Escape, then Ctrl+K twice, return to it.
  const link = page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'API reference' });
  await link.focus();
  await page.keyboard.press('Control+k');
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(link).toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(dialog).toHaveCount(0);
  await expect(link).toBeFocused();

  // Opened with nothing focused (the body): back on the trigger.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+k');
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(trigger).toBeFocused();
});
