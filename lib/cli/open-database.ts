import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import type { Env } from '@/lib/env';

// How a command-line tool reaches the database: DATABASE_URL when set; otherwise the embedded
// PostgreSQL, either the one a running `npm start` already serves (found through
// <dataDir>/runtime.json) or one started for this command and stopped when it ends.

export type OpenDatabase = {
  url: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  close: () => Promise<void>;
  /** Records the running server for other commands (npm start only). */
  publish: () => Promise<void>;
};

type Runtime = { pid: number; url: string };

function runtimeFile(env: Env) {
  return path.join(env.dataDir, 'runtime.json');
}

async function runningServerUrl(env: Env): Promise<string | undefined> {
  const file = runtimeFile(env);
  if (!existsSync(file)) return undefined;
  const runtime = JSON.parse(await readFile(file, 'utf8')) as Runtime;
  try {
    process.kill(runtime.pid, 0);
  } catch {
    return undefined; // the process that wrote it is gone
  }
  const client = new pg.Client({ connectionString: runtime.url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return runtime.url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase(env: Env, log: (line: string) => void): Promise<OpenDatabase> {
  const noop = async () => {};
  if (env.databaseUrl) return { url: env.databaseUrl, embedded: false, close: noop, publish: noop };
  const running = await runningServerUrl(env);
  if (running) return { url: running, embedded: true, close: noop, publish: noop };
  const server = await startEmbeddedPostgres({ dataDir: env.dataDir, log });
  const file = runtimeFile(env);
  let published = false;
  return {
    url: server.url,
    embedded: true,
    publish: async () => {
      await writeFile(file, JSON.stringify({ pid: process.pid, url: server.url }), { mode: 0o600 });
      published = true;
    },
    close: async () => {
      if (published) await rm(file, { force: true });
      await server.stop();
    },
  };
}
