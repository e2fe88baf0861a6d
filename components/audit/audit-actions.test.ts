import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '@/lib/domain/audit-actions';
import { AUDIT_ACTION_GROUPS, RESOURCE_TYPES } from './audit-actions';

// The audit page offers every action that the code writes: the actions written with writeAudit
// are typed by the list (a compile error otherwise); this finds the ones written some other way
// (createMany rows, raw SQL) by reading the sources.

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$|test-support|fixtures/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sources('lib'), ...sources('app')]) {
    if (file.includes(`${path.sep}generated${path.sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) found.set(m[1], file);
    // Raw SQL that inserts audit rows names its actions as SQL string literals.
    if (/INSERT INTO audit_logs/i.test(text)) for (const m of text.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.set(m[1], file);
  }
  return found;
}

describe('the audit action list', () => {
  it('holds every action the code writes, and the audit page offers each as a filter', () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThanOrEqual(15);
    const offered = new Set<string>(AUDIT_ACTION_GROUPS.flatMap((g) => [...g.actions]));
    for (const [action, file] of written) {
      expect(AUDIT_ACTIONS as readonly string[], `${action} (${path.relative(root, file)})`).toContain(action);
      expect(offered.has(action), `the audit page offers ${action}`).toBe(true);
    }
    expect(offered.has('entity.restored') && offered.has('blueprint.deleted')).toBe(true);
  });

  it("offers every action's resource type", () => {
    const types = new Set(RESOURCE_TYPES.map((t) => t.value as string));
    for (const action of AUDIT_ACTIONS) expect(types.has(action.split('.')[0]), action).toBe(true);
  });
});
