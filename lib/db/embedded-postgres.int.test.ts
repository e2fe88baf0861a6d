import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { queryAt } from '@/lib/test/fixtures';
import { startEmbeddedPostgres } from './embedded-postgres';

describe('the embedded PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  // embedded-postgres's exit hook used to end a draining process with exit(0): a test run with
  // failures (process.exitCode = 1) then exited 0, and CI passed it.
  it('leaves the exit code of a process that started a server and lets its event loop drain', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-embedded-'));
    dirs.push(dir);
    const scriptDir = await mkdtemp(path.join(tmpdir(), 'baseplate-drain-'));
    dirs.push(scriptDir);
    const script = path.join(scriptDir, 'drain.mts');
    await writeFile(
      script,
      `import { startEmbeddedPostgres } from ${JSON.stringify(path.resolve('lib/db/embedded-postgres.ts'))};
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)} });
      await server.stop();
      process.exitCode = Number(process.argv[2]);`,
    );
    const run = (code: number) => () =>
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script, String(code)], { stdio: 'pipe' });
    expect(run(3)).toThrow(expect.objectContaining({ status: 3 }));
    expect(run(0)).not.toThrow(); // and a clean run stays clean: no error from the hook on exit
  });

  it('keeps every committed row across a stop and a restart (on a new port)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-embedded-'));
    dirs.push(dir);
    const first = await startEmbeddedPostgres({ dataDir: dir });
    await queryAt(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept SELECT generate_series(1, 1000)');
    await first.stop();
    await expect(queryAt(first.url, 'SELECT 1')).rejects.toThrow(); // really stopped

    const second = await startEmbeddedPostgres({ dataDir: dir });
    try {
      const rows = await queryAt<{ n: string; s: string }>(second.url, 'SELECT count(*) AS n, sum(n) AS s FROM kept');
      expect(rows[0]).toEqual({ n: '1000', s: '500500' });
      // Same generated password, kept in the data folder; the server listens on 127.0.0.1 only.
      expect(new URL(second.url).password).toBe(new URL(first.url).password);
      const [listen] = await queryAt<{ listen_addresses: string }>(second.url, 'SHOW listen_addresses');
      expect(listen.listen_addresses).toBe('127.0.0.1');
    } finally {
      await second.stop();
    }
  });

  it('stops quietly when its server already died, instead of hanging', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-embedded-'));
    dirs.push(dir);
    const server = await startEmbeddedPostgres({ dataDir: dir });
    const [{ pid }] = await queryAt<{ pid: number }>(server.url, 'SELECT pg_backend_pid() AS pid');
    expect(pid).toBeGreaterThan(0);
    const { readFile } = await import('node:fs/promises');
    const postmaster = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    await expect(server.stop()).resolves.toBeUndefined();
  });
});
