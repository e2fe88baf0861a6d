import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeSecretKey } from '@/lib/crypto/secret-key';
import { loadEnv } from '@/lib/env';
import { ensureSecretKey } from './ensure-secret-key';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'baseplate-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ensureSecretKey', () => {
  it('generates a key on the first start, keeps it (0600) and reuses it after', () => {
    const dir = dataDir();
    const lines: string[] = [];
    const env = loadEnv({ BASEPLATE_DATA_DIR: dir });
    const first = ensureSecretKey(env, (line) => lines.push(line));
    expect(decodeSecretKey(first)).toHaveLength(32);
    expect(readFileSync(path.join(dir, 'secret-key'), 'utf8')).toBe(first);
    expect(statSync(path.join(dir, 'secret-key')).mode & 0o777).toBe(0o600);
    expect(lines).toEqual([expect.stringMatching(/generated the key that encrypts stored secrets in .*secret-key: back it up/)]);
    expect(ensureSecretKey(env, (line) => lines.push(line))).toBe(first);
    expect(lines).toHaveLength(1);
  });

  it('asks for a shared key when the database is external (several instances)', () => {
    const lines: string[] = [];
    ensureSecretKey(loadEnv({ BASEPLATE_DATA_DIR: dataDir(), DATABASE_URL: 'postgresql://u@db/x' }), (line) => lines.push(line));
    expect(lines[0]).toMatch(/set BASEPLATE_SECRET_KEY when you run several instances/);
  });

  it('uses BASEPLATE_SECRET_KEY when set, writing nothing', () => {
    const dir = dataDir();
    const key = 'ab'.repeat(32);
    expect(ensureSecretKey(loadEnv({ BASEPLATE_DATA_DIR: dir, BASEPLATE_SECRET_KEY: key }), () => {})).toBe(key);
    expect(() => statSync(path.join(dir, 'secret-key'))).toThrow();
  });

  it('stops on a damaged key file instead of sealing with garbage', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'secret-key'), 'not a key');
    expect(() => ensureSecretKey(loadEnv({ BASEPLATE_DATA_DIR: dir }), () => {})).toThrow(/does not hold a 32-byte key/);
  });
});
