import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import type { Env } from '@/lib/env';
import { superviseDatabase } from './supervise-database';

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
  /**
   * Restarts the embedded server when it exits unexpectedly (npm start only); see
   * supervise-database.ts. Answers the function that stops watching.
   */
  supervise: (log: (line: string) => void, giveUp: (reason: string) => void) => () => void;
};

type Runtime = { pid: number; url: string };

function runtimeFile(env: Env) {
  return path.join(env.dataDir, 'runtime.json');
}

/** Alive and not a zombie (a killed process that nobody reaped still answers kill(pid, 0)). */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we have
  }
}

/** The runtime file of a `npm start` that is still running on this data folder, if any. */
async function liveRuntime(env: Env): Promise<Runtime | undefined> {
  const file = runtimeFile(env);
  if (!existsSync(file)) return undefined;
  const runtime = JSON.parse(await readFile(file, 'utf8')) as Runtime;
  return isProcessAlive(runtime.pid) ? runtime : undefined;
}

async function runningServerUrl(env: Env): Promise<string | undefined> {
  const runtime = await liveRuntime(env);
  if (!runtime) return undefined;
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

/**
 * `owner: true` (npm start) means this process runs the embedded server for others: it refuses
 * when another live `npm start` already does. Otherwise (the db:* tools) a running one is reused.
 */
export async function openDatabase(env: Env, log: (line: string) => void, options: { owner?: boolean } = {}): Promise<OpenDatabase> {
  const noop = async () => {};
  const external = { embedded: false, close: noop, publish: noop, supervise: () => () => {} };
  if (env.databaseUrl) return { url: env.databaseUrl, ...external };
  if (options.owner) {
    const other = await liveRuntime(env);
    if (other) {
      throw new Error(
        `Baseplate is already running on ${env.dataDir} (pid ${other.pid}); stop it first, or use another BASEPLATE_DATA_DIR`,
      );
    }
  } else {
    const running = await runningServerUrl(env);
    if (running) return { url: running, ...external, embedded: true };
  }
  const server = await startEmbeddedPostgres({ dataDir: env.dataDir, log });
  const file = runtimeFile(env);
  let published = false;
  return {
    url: server.url,
    embedded: true,
    supervise: (log, giveUp) => superviseDatabase(server, log, giveUp),
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
