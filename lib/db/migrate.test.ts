import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf, readMigrationFiles } from './migrate';

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
