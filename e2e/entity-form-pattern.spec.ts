import { expect, test } from '@playwright/test';
import { PASSWORD, createBlueprint, createTeam, register } from './support/api';
import { signIn } from './support/ui';

// The entity form validates in the browser with the server's ajv rules. A blueprint pattern that
// is exponential for a backtracking engine (`^(a+)+$` against "a" x 30 + "!") froze the tab; with
// RE2 the inline error appears and the page keeps answering. Without the fix this test does not
// get past the blur (the page's main thread is stuck).

test('a catastrophic-for-backtracking pattern answers inline in the form', async ({ page, request }) => {
  const admin = await register(request, 'pattern-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    title: 'Service',
    schema: { type: 'object', properties: { code: { type: 'string', title: 'Code', pattern: '^(a+)+$' } } },
  });
  await signIn(page, admin.email, PASSWORD);
  await page.goto(`/t/${team.slug}/blueprints/service/new-entity`);
  const code = page.getByLabel('Code');
  await code.fill(`${'a'.repeat(30)}!`);
  await code.blur();
  await expect(page.getByText('Must match the pattern ^(a+)+$')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await code.fill('a'.repeat(30));
  await expect(page.getByText('Must match the pattern ^(a+)+$')).toHaveCount(0);
});
