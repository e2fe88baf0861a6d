import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf, readMigrationFiles } from './migrate';
import { concurrentIndexName, hasNoTransactionMarker } from './run-without-transaction';

describe('migration files', () => {
  it('checksums ignore CRLF line endings but nothing else', () => {
    expect(checksumOf('SELECT 1;\r\nSELECT 2;\r\n')).toBe(checksumOf('SELECT 1;\nSELECT 2;\n'));
    expect(checksumOf('SELECT 1;\n')).not.toBe(checksumOf('SELECT 2;\n'));
  });

  it('the shipped files are numbered, named and in order', async () => {
    const files = await readMigrationFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
  });

  it('rejects a badly named file and a duplicated number', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'mig-'));
    await writeFile(path.join(bad, '1_Init.sql'), 'SELECT 1;');
    await expect(readMigrationFiles(bad)).rejects.toThrow(/NNNN_lowercase_name\.sql/);

    const dup = await mkdtemp(path.join(tmpdir(), 'mig-'));
    await writeFile(path.join(dup, '0001_a.sql'), 'SELECT 1;');
    await writeFile(path.join(dup, '0001_b.sql'), 'SELECT 1;');
    await expect(readMigrationFiles(dup)).rejects.toThrow(/share the number 0001/);
  });
});

describe('files run outside a transaction', () => {
  it('are marked on their first line only', () => {
    expect(hasNoTransactionMarker('-- baseplate:no-transaction\nCREATE INDEX CONCURRENTLY a ON t (x);')).toBe(true);
    expect(hasNoTransactionMarker('\uFEFF-- baseplate:no-transaction\r\nSELECT 1;')).toBe(true);
    expect(hasNoTransactionMarker('-- a comment\n-- baseplate:no-transaction\nSELECT 1;')).toBe(false);
    expect(hasNoTransactionMarker('CREATE TABLE t (x int);')).toBe(false);
  });

  it('know the index a CREATE INDEX CONCURRENTLY builds, to drop an invalid one first', () => {
    expect(concurrentIndexName('-- why\nCREATE INDEX CONCURRENTLY IF NOT EXISTS Idx_A ON t (x)')).toBe('idx_a');
    expect(concurrentIndexName('create unique index concurrently "Odd ""Name""" on t (x)')).toBe('Odd "Name"');
    expect(concurrentIndexName('CREATE INDEX idx_b ON t (x)')).toBeNull();
    expect(concurrentIndexName('DROP INDEX CONCURRENTLY IF EXISTS idx_a')).toBeNull();
  });
});
