import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryAt } from '@/lib/test/fixtures';
import { createEmptyDatabase } from '@/lib/test/database-per-file';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrationFiles } from './migrate';

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe('migration runner', () => {
  it('applies every file in order on an empty database, then is a no-op', async () => {
    const url = await createEmptyDatabase();
    const files = await readMigrationFiles();
    const first = await migrate(url);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const recorded = await queryAt<{ name: string; checksum: string }>(url, 'SELECT name, checksum FROM schema_migrations ORDER BY name');
    expect(recorded).toEqual(files.map((f) => ({ name: f.name, checksum: f.checksum })));

    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const url = await createEmptyDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { dir });
    await writeFile(path.join(dir, '0003_catalog.sql'), '-- edited\nSELECT 1;\n');
    await expect(migrate(url, { dir })).rejects.toThrow(/0003_catalog\.sql was edited after it was applied/);
  });

  it('refuses a database that has a migration the files do not know', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    const dir = await copyOfMigrations();
    const { rm } = await import('node:fs/promises');
    await rm(path.join(dir, '0005_audit_logs.sql'));
    await expect(migrate(url, { dir })).rejects.toBeInstanceOf(MigrationError);
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const url = await createEmptyDatabase();
    const dir = await copyOfMigrations();
    await writeFile(
      path.join(dir, '9999_broken.sql'),
      'CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);\n',
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/9999_broken\.sql failed and was rolled back/);
    const tables = await queryAt<{ n: string }>(url, "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'half_done'");
    expect(Number(tables[0].n)).toBe(0);
    const recorded = await queryAt<{ name: string }>(url, "SELECT name FROM schema_migrations WHERE name = '9999_broken.sql'");
    expect(recorded).toHaveLength(0);
    // The files before it were applied and stay applied.
    const applied = await queryAt<{ n: string }>(url, 'SELECT count(*) AS n FROM schema_migrations');
    expect(Number(applied[0].n)).toBe((await readMigrationFiles()).length);
  });

  it('lets two instances start at once: one applies, the other waits and finds nothing to do', async () => {
    const url = await createEmptyDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    const files = await readMigrationFiles();
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, files.length]);
  });
});
