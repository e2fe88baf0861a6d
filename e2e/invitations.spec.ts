import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, call, createTeam, db, register, unique } from './support/api';
import { signIn } from './support/ui';

// Invitations in real Chromium: an admin invites an email from the members page and copies the
// link (shown once); a new person opens it, registers with the email fixed, joins with one click
// and lands in the team; the link then refuses a second use with a clear page. Revoked, expired,
// unknown links and a person signed in with another email each get a page saying so.

mkdirSync('test-results/screenshots', { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/invitations-${name}.png`, fullPage: true });

/** A signed-out browser of its own (a second person), closed by the caller. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function refusal(page: Page, url: string, title: string, message: RegExp) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('invitation-refusal')).toHaveText(message);
}

test('an admin invites an email; the person registers through the link and lands in the team; a second use is refused', async ({
  page,
  browser,
  request,
}) => {
  test.slow(); // two browsers, a registration and a build's first pages on a busy machine
  const admin = await register(request, 'inviter');
  const team = await createTeam(request, admin.token);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}/settings/members`);

  const email = `${unique('newcomer')}@example.com`;
  const form = page.getByRole('form', { name: 'Invite by email' });
  await form.getByLabel('Email to invite').fill('not-an-email');
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter a valid email address.');
  await form.getByLabel('Email to invite').fill(email.toUpperCase());
  await form.getByLabel('Invitation role').selectOption('editor');
  await form.getByRole('button', { name: 'Invite' }).click();

  const panel = page.getByTestId('new-invitation');
  await expect(panel.getByRole('heading')).toHaveText(`Invitation for ${email} (editor)`);
  await expect(panel.getByRole('button', { name: 'Copy' })).toBeVisible();
  const url = (await page.getByTestId('new-invitation-url').textContent())!;
  expect(url).toMatch(/\/invite\/bpi_[0-9a-f]{64}$/);
  const row = page.getByTestId(`invitation-${email}`);
  await expect(row).toContainText('editor');
  await shot(page, 'members');
  // Shown once: gone after Done, and the list never shows it.
  await panel.getByRole('button', { name: 'Done' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByText(url)).toHaveCount(0);

  // The newcomer, in a browser of their own: the team, the role, the email fixed.
  const newcomer = await freshPage(browser);
  await newcomer.goto(url);
  await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText(`Join ${team.name}`);
  await expect(newcomer.getByText('You are invited to join as editor.')).toBeVisible();
  await expect(newcomer.getByLabel('Email')).toHaveValue(email);
  await expect(newcomer.getByLabel('Email')).toHaveAttribute('readonly', '');
  await shot(newcomer, 'register');
  await newcomer.getByLabel('Name').fill('New Comer');
  await newcomer.getByLabel('Password').fill(PASSWORD);
  await newcomer.getByRole('button', { name: 'Create account' }).click();

  // Back on the link, signed in: one click joins.
  const join = newcomer.getByRole('button', { name: `Join ${team.name}` });
  await expect(join).toBeVisible();
  await shot(newcomer, 'join');
  await join.click();
  await expect(newcomer).toHaveURL(new RegExp(`/t/${team.slug}$`));
  await expect(newcomer.getByRole('heading', { name: 'Catalog' })).toBeVisible();

  // A second use, by the newcomer or anyone else, is refused with a clear page.
  await refusal(newcomer, url, 'This invitation was already used', /already used/);
  const stranger = await freshPage(browser);
  await refusal(stranger, url, 'This invitation was already used', /ask a team admin for a new one/);
  await shot(stranger, 'used');
  await newcomer.context().close();
  await stranger.context().close();

  // The admin sees the newcomer as an editor, and no pending invitation.
  await page.reload();
  await expect(page.getByTestId(`member-${email}`).getByRole('combobox')).toHaveValue('editor');
  await expect(page.getByTestId('no-pending-invitations')).toBeVisible();
});

test('revoked, expired, unknown links and another signed-in email each get a page saying so', async ({ page, browser, request }) => {
  test.slow();
  const admin = await register(request, 'inviter');
  const team = await createTeam(request, admin.token);
  const invite = async (email: string) => {
    const res = await call(request, 'POST', `/teams/${team.slug}/invitations`, { token: admin.token, body: { email, role: 'viewer' } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { invitation: { id: string }; url: string };
  };
  const origin = (url: string) => new URL(url).pathname;

  // Signed in as someone else: named both ways, the link left usable, a way to switch accounts.
  const invited = `${unique('alice')}@example.org`;
  const forAlice = await invite(invited);
  const other = await register(request, 'other');
  await signIn(page, other.email, other.password);
  await refusal(
    page,
    origin(forAlice.url),
    'This invitation is for someone else',
    new RegExp(`^This invitation is for ${invited[0]}…@example\\.org; you are signed in as ${other.email.replace(/[.]/g, '\\.')}\\.$`),
  );
  await shot(page, 'wrong-email');
  await page.getByRole('button', { name: 'Sign out, then use this link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Join ${team.name}`);
  await expect(page.getByLabel('Email')).toHaveValue(invited);

  // Revoked from the members page.
  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${team.slug}/settings/members`);
  const row = page.getByTestId(`invitation-${invited}`);
  await row.getByRole('button', { name: `Revoke the invitation for ${invited}` }).click();
  await row.getByRole('button', { name: 'Revoke now' }).click();
  await expect(page.getByTestId('no-pending-invitations')).toBeVisible();
  const visitor = await freshPage(browser);
  await refusal(visitor, origin(forAlice.url), 'This invitation was revoked', /was revoked/);

  // Expired (its dates moved into the past).
  const late = await invite(`${unique('late')}@example.com`);
  await db().query(
    `UPDATE team_invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1`,
    [late.invitation.id],
  );
  await refusal(visitor, origin(late.url), 'This invitation has expired', /has expired/);
  await shot(visitor, 'expired');

  // Unknown: a token of the right shape that no invitation has, and one of no shape at all.
  await refusal(visitor, `/invite/bpi_${'0'.repeat(64)}`, 'This invitation link is not valid', /not valid/);
  await refusal(visitor, '/invite/nonsense', 'This invitation link is not valid', /copied whole/);
  await visitor.context().close();
});
