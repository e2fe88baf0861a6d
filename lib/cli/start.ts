import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { unhookExitHook } from '@/lib/db/embedded-postgres';
import { closeDb, createPrisma } from '@/lib/db/prisma';
import { DEMO_TEAM, DEMO_USER, isEmptyDatabase, seedDemo } from '@/lib/demo/seed-demo';
import { loadEnv } from '@/lib/env';
import type { JobQueueHandle } from '@/lib/jobs/start-job-queue';
import { buildIfNeeded } from './build-if-needed';
import { ensureAuthSecret } from './ensure-auth-secret';
import { ensureSecretKey } from './ensure-secret-key';
import { cliLog, runCli } from './log';
import { openDatabase } from './open-database';
import type { WebServer } from './web-server';
import { startJobWorker, type JobWorker } from './start-job-worker';

// `npm start`: the database (embedded unless DATABASE_URL is set), its migrations, the demo content
// on a brand-new embedded database, a production build when the sources changed, then the web
// server, with the job queue's workers (lib/jobs) in a process of their own (job-worker.ts).
// Ctrl-C or SIGTERM closes the server first (requests in flight are answered), then the job
// worker (running jobs get a bounded time to finish; the rest are retried), then the database. An embedded database that dies is restarted;
// one that will not come back ends the process with a non-zero code, so a supervisor restarts it.

const ROOT = path.resolve(import.meta.dirname, '../..');
/** How long a stop waits for running jobs before failing them for a retry. */
const JOB_DRAIN_MS = 10_000;

/**
 * The job queue: this process only hands jobs to it (and wakes the worker); the jobs run in the
 * job worker process (job-worker.ts), unless JOBS_ENABLED=false (another instance runs them).
 */
async function startJobs(connectionString: string, work: boolean): Promise<{ queue: JobQueueHandle; worker: JobWorker | null }> {
  // Loaded here, like the web server: the jobs' code reads the environment set just above.
  const { startJobQueue } = await import('@/lib/jobs/start-job-queue');
  const { JOB_DEFINITIONS } = await import('@/lib/jobs/job-definitions');
  const worker = work ? await startJobWorker(cliLog) : null;
  const queue = await startJobQueue({
    connectionString,
    definitions: JOB_DEFINITIONS,
    work: false,
    onEnqueued: (name) => worker?.wake(name),
  });
  if (!worker) cliLog('job queue: enqueue only (JOBS_ENABLED=false)');
  return { queue, worker };
}

runCli(async () => {
  const dev = process.argv.includes('--dev');
  const env = loadEnv();
  const db = await openDatabase(env, cliLog, { owner: true });
  let web: WebServer | undefined;
  let jobs: { queue: JobQueueHandle; worker: JobWorker | null } | undefined;
  let stopping = false;

  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    // A supervisor may signal the whole process group (systemd's default KillMode): the worker
    // and the embedded PostgreSQL then stop on their own, and must not be started again.
    stopSupervising();
    jobs?.worker?.stopRestarting();
    cliLog(`${signal}: shutting down (finishing the requests in flight)`);
    await web?.close().catch(() => {});
    await jobs?.queue.stop(JOB_DRAIN_MS).catch(() => {});
    await jobs?.worker?.stop(JOB_DRAIN_MS).catch(() => {});
    await closeDb();
    if (db.embedded) cliLog('stopping the embedded PostgreSQL');
    await db.close().catch(() => {});
    process.exit(code);
  };
  // embedded-postgres stops its servers on these signals by itself (through async-exit-hook), in
  // parallel with whatever is still answering requests: unhook exactly that, so the server drains
  // first. (Other listeners stay: tsx's, which relays signals from its parent process, is one.)
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  unhookExitHook(signals);
  for (const signal of signals) process.on(signal, () => void shutdown(signal));
  const stopSupervising = db.supervise(cliLog, (reason) => {
    cliLog(`${reason}; exiting with code 1 so that a supervisor restarts Baseplate`);
    void shutdown('database lost', 1);
  });

  try {
    cliLog(
      db.embedded ? `embedded PostgreSQL ready (data in ${path.relative(ROOT, path.resolve(env.dataDir)) || '.'})` : 'using DATABASE_URL',
    );
    const result = await migrate(db.url, { log: cliLog });
    if (result.applied.length === 0) cliLog(`database schema up to date (${result.alreadyApplied} migrations)`);

    if (db.embedded && env.demo) {
      const prisma = createPrisma(db.url, 2);
      try {
        if (await isEmptyDatabase(prisma)) {
          const seeded = await seedDemo(prisma);
          if (seeded.seeded) cliLog(`demo content created: team "${DEMO_TEAM.name}" with ${seeded.entities} entities`);
        }
      } finally {
        await prisma.$disconnect();
      }
    }
    await db.publish();
    if (!dev) buildIfNeeded(cliLog);

    // The app reads its configuration from the environment (lib/env.ts), lazily, so these take
    // effect for the Next.js code loaded below.
    process.env.DATABASE_URL = db.url;
    process.env.AUTH_SECRET = ensureAuthSecret(env, cliLog);
    process.env.BASEPLATE_SECRET_KEY = ensureSecretKey(env, cliLog);
    process.env.NEXT_TELEMETRY_DISABLED = '1';
    if (!dev) (process.env as Record<string, string>).NODE_ENV = 'production';
    // Before the web server, so that the first request's enqueueJob already reaches the queue.
    jobs = await startJobs(db.url, env.jobsEnabled);
    const { startWebServer } = await import('./web-server');
    web = await startWebServer({ dev, port: env.port, host: env.host, dir: ROOT });
  } catch (error) {
    await web?.close().catch(() => {});
    await jobs?.queue.stop(JOB_DRAIN_MS).catch(() => {});
    await jobs?.worker?.stop(JOB_DRAIN_MS).catch(() => {});
    await db.close();
    throw error;
  }

  cliLog(`Baseplate is running at http://localhost:${env.port}`);
  if (db.embedded && env.demo) cliLog(`demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);
});
