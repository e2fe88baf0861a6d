import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

// An accessibility check of the page as it stands: axe-core (the engine of the usual audits) run
// in the page, failing on serious and critical violations (WCAG 2.1 A and AA rules). `scope`: the
// part of the page under test (by default all of it, the app's header and navigation included).

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Violation = { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> };

export async function expectNoSeriousAxeViolations(page: Page, what: string, scope = 'body'): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(
      { include: [[include]] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      },
    );
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target) }));
  }, scope);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${what}: axe violations ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}
