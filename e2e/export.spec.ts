import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { fieldsOf } from '../lib/catalog-view/fields';
import { call, createBlueprint, createTeam, expectJson, register } from './support/api';
import { parseCsv } from './support/csv';
import { signIn } from './support/ui';

// The catalog table's Export menu in the browser: a filtered view (builder rule + search text)
// downloaded as CSV through the plain link; the file holds exactly the view's rows (all of them,
// as the table's total says) and its columns in the table's order, and a title a spreadsheet
// would run as a formula comes out neutralised.

const SCHEMA = {
  type: 'object',
  properties: {
    tier: { type: 'integer', title: 'Tier' },
    owner: { type: 'string', title: 'Owner' },
    language: { type: 'string', title: 'Language' },
  },
};
const pad = (i: number) => String(i).padStart(2, '0');
const ENTITIES = Array.from({ length: 40 }, (_, i) => ({
  identifier: `svc-${pad(i)}`,
  title: i === 7 ? '=1+2 payments' : `${i % 2 ? 'Payments' : 'Search'} service ${i}`,
  data: { tier: (i % 3) + 1, owner: `team-${i % 4}`, language: ['go', 'rust'][i % 2] },
}));
const labelOf = new Map(fieldsOf(SCHEMA).map((f) => [f.key, f.label]));

test('Export → CSV downloads the filtered view with the rows and columns of the table', async ({ page, request }) => {
  test.setTimeout(90_000);
  const admin = await register(request, 'export-ui');
  const { slug } = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, slug, { id: 'service', title: 'Service', schema: SCHEMA });
  await expectJson(
    await call(request, 'POST', `/teams/${slug}/blueprints/service/entities/bulk`, { token: admin.token, body: { entities: ENTITIES } }),
    200,
    'bulk upsert',
  );

  await signIn(page, admin.email, admin.password);
  await page.goto(`/t/${slug}/blueprints/service`);
  await expect(page.getByTestId('catalog-total')).toHaveText('40 entities');
  // The view: Tier at least 2, and "payments" in the search box.
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Rule 1 property').selectOption('tier');
  await page.getByLabel('Rule 1 operator').selectOption('>=');
  await page.getByLabel('Rule 1 value').fill('2');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/filter=/);
  const tierAtLeast2 = ENTITIES.filter((e) => e.data.tier >= 2).length;
  await expect(page.getByTestId('catalog-total')).toHaveText(`${tierAtLeast2} entities match`);
  await page.getByRole('searchbox', { name: 'Search entities' }).fill('payments');
  await expect(page).toHaveURL(/q=payments/);
  const expected = ENTITIES.filter((e) => e.data.tier >= 2 && e.title.toLowerCase().includes('payments'));
  await expect(page.getByTestId('catalog-total')).toHaveText(`${expected.length} entities match`);
  const table = page.getByRole('table');
  await expect(table).not.toHaveAttribute('aria-busy', 'true');

  // What the table shows: its rows (title and identifier) and its column headers after "Entity".
  const shown = await page
    .locator('tbody tr[data-identifier]')
    .evaluateAll((rows) =>
      rows.map((r) => ({ identifier: r.getAttribute('data-identifier') ?? '', title: r.querySelector('td a span')?.textContent ?? '' })),
    );
  const headers = (await table.locator('thead th').allTextContents()).map((t) => t.replace(/[▲▼]/g, '').trim()).filter(Boolean);
  expect(headers[0]).toBe('Entity');
  expect(shown).toHaveLength(expected.length);

  await page.getByRole('button', { name: 'Export' }).click();
  const menu = page.getByRole('group', { name: 'Export this view' });
  const downloading = page.waitForEvent('download');
  await menu.getByRole('link', { name: /^CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${slug}-service.csv`);
  const rows = parseCsv(await readFile((await download.path())!, 'utf8'));

  // Columns: the entity column as identifier and title, then the table's columns in its order.
  const [head, ...body] = rows;
  expect(head.slice(0, 2)).toEqual(['identifier', 'title']);
  const labels = head.slice(2).map((key) => labelOf.get(key) ?? labelOf.get(`$${key}`) ?? key);
  expect(labels).toEqual(headers.slice(1));
  // Rows: every match (not just a page), the same as the table's, titles neutralised where needed.
  const byId = new Map(body.map((r) => [r[0], r]));
  expect([...byId.keys()].sort()).toEqual(shown.map((s) => s.identifier).sort());
  for (const s of shown) {
    const title = byId.get(s.identifier)![1];
    expect(title, s.identifier).toBe(/^[=+\-@]/.test(s.title) ? `'${s.title}` : s.title);
  }
  expect(byId.get('svc-07')?.[1]).toBe("'=1+2 payments");
  const tierAt = head.indexOf('tier');
  expect(tierAt).toBeGreaterThan(1);
  expect(body.every((r) => Number(r[tierAt]) >= 2)).toBe(true);
});
