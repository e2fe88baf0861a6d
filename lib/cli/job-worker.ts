import os from 'node:os';
import { closeDb } from '@/lib/db/prisma';
import { cliLog, runCli } from './log';
import { JOB_WORKER_NICE, type ParentMessage } from './job-worker-messages';

// The job worker process (started by lib/cli/start.ts through start-job-worker.ts; never by hand).
// It runs the job queue's workers, maintenance and sweeps, so that background work (action runs,
// scorecard recomputes, automations) has an event loop of its own and never delays a request's
// callbacks in the web process, and it runs at a lower CPU priority (nice), so that when the
// machine is busy, interactive requests get the cores first (bench/action-runs.ts measures the
// catalog write latency while 1,000 runs drain). Its configuration is the web process's
// environment (DATABASE_URL, the secrets), inherited.

runCli(async () => {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the job worker is started by `npm start`, not by hand');
  try {
    os.setPriority(JOB_WORKER_NICE);
  } catch {
    // Not permitted here (some containers): the worker still has its own event loop.
  }
  // The parent died (even by SIGKILL): stop at once, as it did. The next start starts a new worker,
  // and the jobs this one held are retried when their leases or expiries run out.
  process.on('disconnect', () => process.exit(1));
  // Ctrl-C reaches the whole process group; the parent orders the stop, after its requests drained.
  process.on('SIGINT', () => {});

  const { startJobQueue } = await import('@/lib/jobs/start-job-queue');
  const { JOB_DEFINITIONS } = await import('@/lib/jobs/job-definitions');
  const handle = await startJobQueue({ connectionString: process.env.DATABASE_URL ?? '', definitions: JOB_DEFINITIONS, work: true });
  let stopping = false;
  const stop = async (timeoutMs: number) => {
    if (stopping) return;
    stopping = true;
    await handle.stop(timeoutMs).catch(() => {});
    await closeDb().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop(10_000));
  process.on('message', (message: ParentMessage) => {
    if (message?.type === 'wake') handle.wake(message.name);
    else if (message?.type === 'stop') void stop(message.timeoutMs);
  });
  cliLog(`job worker running (${JOB_DEFINITIONS.length} kinds of job, pid ${process.pid}, nice ${os.getPriority()})`);
  send({ type: 'ready' });
});
