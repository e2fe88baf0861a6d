import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { log } from '@/lib/observability/logger';
import { clearJobQueue, setJobQueue, type JobCount, type JobDefinition, type JobOptions, type JobQueue } from './job-queue';
import { scheduleSweeps } from './schedule-sweeps';

// The durable job queue: pg-boss on Baseplate's own database, in its own schema (pgboss), run
// inside the Baseplate process. Several instances may run it on one database: a job is taken by
// one worker (FOR UPDATE SKIP LOCKED), and a job whose worker died is failed by expiry and
// retried by whichever instance's maintenance sees it first. See README.md.

export const JOB_SCHEMA = 'pgboss';

export type JobQueueOptions = {
  connectionString: string;
  definitions: readonly JobDefinition[];
  /** Connections of the queue's own pool (polling, sends, maintenance); handlers use the app's. */
  poolSize?: number;
  /** How often each worker looks for work (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are failed for retry and old ones archived. */
  maintenanceIntervalSeconds?: number;
  /** How often every definition's sweep runs (it also runs at start). */
  sweepIntervalMs?: number;
  /** false: only hand jobs to the queue (a web-only instance): no workers, maintenance or sweeps. */
  work?: boolean;
  /** Called after each job handed to the queue (the web process wakes its job worker process with it). */
  onEnqueued?: (name: string) => void;
};

export type JobQueueHandle = {
  boss: PgBoss;
  /** Makes this process's workers of kind `name` look for work now rather than at their next poll. */
  wake(name: string): void;
  /** Stops taking jobs, waits for the running ones at most `timeoutMs`, then fails them for retry. */
  stop(timeoutMs?: number): Promise<void>;
};

const DEFAULTS = { retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 15 * 60, concurrency: 1 };

/** The queue options of one definition: retries with exponential backoff, an expiry, dedup by key. */
function queueOptionsOf(definition: JobDefinition): PgBoss.Queue {
  return {
    name: definition.name,
    // 'short': at most one waiting job per singletonKey; running jobs are not limited (the
    // 'singleton' and 'stately' policies of 10.x make a fetch fail on a key already active).
    policy: 'short',
    retryLimit: definition.retryLimit ?? DEFAULTS.retryLimit,
    retryDelay: definition.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: definition.expireInSeconds ?? DEFAULTS.expireInSeconds,
  };
}

/** Runs one job through its definition, logging a failure with the job's name and id. */
async function runJob(definition: JobDefinition, job: PgBoss.Job<object>): Promise<void> {
  try {
    await definition.run(job.data);
  } catch (err) {
    log().error({ err, job: definition.name, jobId: job.id }, 'job failed (it is retried until its retry limit)');
    throw err;
  }
}

/** Starts `concurrency` workers for one definition; returns their ids (to wake them). */
async function startWorkers(boss: PgBoss, definition: JobDefinition, pollingIntervalSeconds: number): Promise<string[]> {
  // pg-boss 10 has no local concurrency option: each work() call is one worker taking one job at
  // a time (batchSize 1), so `concurrency` workers run that many jobs at once.
  const ids: string[] = [];
  for (let i = 0; i < Math.max(1, definition.concurrency ?? DEFAULTS.concurrency); i++) {
    let id = '';
    id = await boss.work<object>(definition.name, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
      try {
        await runJob(definition, job);
      } finally {
        // A worker sleeps a polling interval after each job; more may be waiting: look at once.
        boss.notifyWorker(id);
      }
    });
    ids.push(id);
  }
  return ids;
}

type StateCounts = { queues: Record<string, Record<string, number>> };

/** pg-boss's own count by queue and state (its monitor's query; present in 10.x, not typed). */
async function countJobsOf(boss: PgBoss): Promise<JobCount[]> {
  const { queues } = await (boss as unknown as { countStates(): Promise<StateCounts> }).countStates();
  return Object.entries(queues).flatMap(([name, states]) =>
    Object.entries(states)
      .filter(([state]) => state !== 'all')
      .map(([state, count]) => ({ name, state, count })),
  );
}

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueueHandle> {
  const work = options.work ?? true;
  const names = new Set(options.definitions.map((d) => d.name));
  if (names.size !== options.definitions.length) throw new Error('two job definitions share a name');
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: JOB_SCHEMA,
    application_name: 'baseplate-jobs',
    max: options.poolSize ?? 3,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    supervise: work,
    // The queue's own cron scheduler is unused (sweeps are timers here): one less poller.
    schedule: false,
  });
  // An 'error' event without a listener would throw; pg-boss retries its own polling by itself.
  boss.on('error', (err) => log().error({ err }, 'job queue error'));
  await boss.start();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const workers = new Map<string, string[]>();
  try {
    for (const definition of options.definitions) {
      const queue = queueOptionsOf(definition);
      await boss.createQueue(definition.name, queue); // a no-op when it exists...
      await boss.updateQueue(definition.name, queue); // ...so this applies today's settings
      if (work) workers.set(definition.name, await startWorkers(boss, definition, pollingIntervalSeconds));
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }

  // This process's workers of a kind take a new job now rather than at their next poll.
  const wake = (name: string) => {
    for (const worker of workers.get(name) ?? []) boss.notifyWorker(worker);
  };
  const queue: JobQueue = {
    async enqueue(name: string, data: object, jobOptions: JobOptions = {}) {
      if (!names.has(name)) {
        // pg-boss drops a job of an unknown queue silently; the sweep is the fallback either way.
        log().warn({ job: name }, 'enqueue of a job kind that is not in JOB_DEFINITIONS');
        return false;
      }
      const id = await boss.send(name, data, {
        // A 'short' queue dedupes keyless jobs too (one waiting job per empty key): a job without
        // a key gets a key of its own.
        singletonKey: jobOptions.singletonKey ?? `once:${randomUUID()}`,
        ...(jobOptions.startAfterSeconds === undefined ? {} : { startAfter: jobOptions.startAfterSeconds }),
      });
      if (id === null) return false;
      wake(name);
      options.onEnqueued?.(name);
      return true;
    },
    countJobs: () => countJobsOf(boss),
  };
  setJobQueue(queue);
  const sweeps = scheduleSweeps(work ? options.definitions : [], options.sweepIntervalMs ?? 60_000);

  let stopped = false;
  return {
    boss,
    wake,
    async stop(timeoutMs = 10_000) {
      if (stopped) return;
      stopped = true;
      sweeps.cancel();
      clearJobQueue(queue);
      // A sweep in progress finishes first (its enqueues now answer false), at most the timeout.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([sweeps.done, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      // Waits for the running jobs up to the timeout, then marks what still runs failed (so it is
      // retried at once elsewhere or at the next start), then closes the pool.
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}
