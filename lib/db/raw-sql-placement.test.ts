import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// CONVENTIONS.md habit 7 and lib/db/README.md: raw SQL lives in *.sql.ts modules and runs through
// lib/db/run-sql.ts (runSql / execSql / runSqlWithin), each statement with its row decoder. This
// test finds raw SQL anywhere else in the application code, so a statement cannot slip back into
// a service file. Tests, the migration runner and the backup (lib/db) are outside the rule.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['app', 'lib', 'components'];
const EXEMPT = [/\.test\.ts$/, /^lib\/generated\//, /^lib\/db\//, /^lib\/test\//];
// `inSqlModules`: whether the rule holds in *.sql.ts too (they write statements, but run them
// through run-sql.ts like everyone else).
const RAW_SQL = [
  { what: 'a Prisma raw query (use runSql/execSql)', pattern: /\$(queryRaw|executeRaw)(Unsafe)?\b/, inSqlModules: true },
  { what: 'the old pool helper (use runSql)', pattern: /\bqueryRows(Within)?\(/, inSqlModules: true },
  {
    what: 'a statement written inline (move it to a *.sql.ts)',
    pattern: /Prisma\.sql`\s*(WITH|SELECT|INSERT|UPDATE|DELETE|EXPLAIN)\b/i,
    inSqlModules: false,
  },
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await sourceFiles(rel)));
    else if (/\.tsx?$/.test(entry.name)) files.push(rel);
  }
  return files;
}

describe('raw SQL placement', () => {
  it('statements are written only in *.sql.ts and run only through lib/db/run-sql.ts', async () => {
    const files = (await Promise.all(SCANNED.map(sourceFiles))).flat().filter((f) => !EXEMPT.some((e) => e.test(f)));
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      const sqlModule = file.endsWith('.sql.ts');
      for (const { what, pattern, inSqlModules } of RAW_SQL) {
        if ((inSqlModules || !sqlModule) && pattern.test(text)) offenders.push(`${file}: ${what}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
