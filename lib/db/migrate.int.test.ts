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
    await writeFile(path.join(dir, '9999_broken.sql'), 'CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);\n');
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

  describe('a file marked `-- baseplate:no-transaction`', () => {
    const indexState = (url: string, name: string) =>
      queryAt<{ valid: boolean }>(
        url,
        `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '${name}'`,
      );
    const recorded = async (url: string, name: string) =>
      (await queryAt(url, `SELECT 1 FROM schema_migrations WHERE name = '${name}'`)).length === 1;

    it('runs statement by statement outside a transaction, so CREATE INDEX CONCURRENTLY works', async () => {
      const url = await createEmptyDatabase();
      const dir = await copyOfMigrations();
      await writeFile(
        path.join(dir, '9998_concurrent_index.sql'),
        '-- baseplate:no-transaction\n-- Built without blocking writes to entities.\n' +
          'CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_test_title ON entities (title);\n' +
          'CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_test_updated ON entities (updated_at);\n',
      );
      const result = await migrate(url, { dir });
      expect(result.applied.at(-1)).toBe('9998_concurrent_index.sql');
      expect(await indexState(url, 'idx_test_title')).toEqual([{ valid: true }]);
      expect(await indexState(url, 'idx_test_updated')).toEqual([{ valid: true }]);
      expect(await recorded(url, '9998_concurrent_index.sql')).toBe(true);
    });

    it('after a failed concurrent build (an INVALID index is left), the next run drops it and builds it again', async () => {
      const url = await createEmptyDatabase();
      const dir = await copyOfMigrations();
      await writeFile(path.join(dir, '9997_values.sql'), 'CREATE TABLE test_values (v int);\nINSERT INTO test_values VALUES (1), (1);\n');
      await writeFile(
        path.join(dir, '9998_unique_values.sql'),
        '-- baseplate:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS test_values_v_key ON test_values (v);\n',
      );
      await expect(migrate(url, { dir })).rejects.toThrow(/9998_unique_values\.sql: statement 1 of 1 failed \(run outside a transaction/);
      expect(await indexState(url, 'test_values_v_key')).toEqual([{ valid: false }]);
      expect(await recorded(url, '9998_unique_values.sql')).toBe(false);
      expect(await recorded(url, '9997_values.sql')).toBe(true);

      await queryAt(url, 'DELETE FROM test_values; INSERT INTO test_values VALUES (1), (2)');
      const again = await migrate(url, { dir });
      expect(again.applied).toEqual(['9998_unique_values.sql']);
      expect(await indexState(url, 'test_values_v_key')).toEqual([{ valid: true }]);
      await expect(queryAt(url, 'INSERT INTO test_values VALUES (2)')).rejects.toThrow(/duplicate key/);
    });

    it('two instances starting at once both finish: the one waiting for the lock holds no snapshot the build waits for', async () => {
      const url = await createEmptyDatabase();
      const dir = await copyOfMigrations();
      await writeFile(
        path.join(dir, '9998_concurrent_index.sql'),
        '-- baseplate:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_test_title ON entities (title);\n',
      );
      const [a, b] = await Promise.all([migrate(url, { dir }), migrate(url, { dir })]);
      expect([a.applied.length, b.applied.length].sort((x, y) => x - y)).toEqual([0, (await readMigrationFiles(dir)).length]);
      expect(await indexState(url, 'idx_test_title')).toEqual([{ valid: true }]);
    });
  });
});
