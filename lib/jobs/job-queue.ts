// The durable job queue's face to the rest of the code (CONVENTIONS.md habit 13). The queue
// itself (pg-boss on Baseplate's own database, started by lib/cli/start.ts) registers here when it
// starts; code that has work to hand off calls enqueueJob and never sees pg-boss.
//
// The database state is the outbox: work that must not be lost is first recorded in the
// caller's own transaction (a scorecard's target_generation, say), and the job is only the
// runner of that state. A job enqueued after commit that never arrives (the process died in
// between, or no queue runs in this process: a CLI script, a test) is found again by the job's
// sweep (JobDefinition.sweep), which the queue runs at start and on a schedule.

export type JobOptions = {
  /**
   * At most one waiting job per key (pg-boss singletonKey on a 'short' queue): enqueueing twice is
   * harmless. A job enqueued while the key's job runs is kept (it runs after), so a run must
   * tolerate a second run of the same work (README.md).
   */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
};

/** Jobs of one kind in one state (pg-boss's: created, retry, active, completed, cancelled, failed). */
export type JobCount = { name: string; state: string; count: number };

export type JobQueue = {
  enqueue(name: string, data: object, options?: JobOptions): Promise<boolean>;
  /** Jobs by kind and state, for the metrics (archived jobs are not counted). */
  countJobs?(): Promise<JobCount[]>;
};

// Global, not module-level: the start script's copy of this module (which starts the queue and
// serves the direct API) and the copy Next.js bundles must see the same queue.
const holder = globalThis as unknown as { baseplateJobQueue?: JobQueue | null };

/** Set by the queue when it starts, cleared when it stops. */
export function setJobQueue(queue: JobQueue | null): void {
  holder.baseplateJobQueue = queue;
}

/** Clears the queue if it is still `queue` (another may have started since: two in one test). */
export function clearJobQueue(queue: JobQueue): void {
  if (holder.baseplateJobQueue === queue) holder.baseplateJobQueue = null;
}

/**
 * Hands a job to the queue; false when no queue runs in this process (the job's sweep picks the
 * work up from the database state later), or when a job with the same singletonKey is waiting.
 */
export async function enqueueJob(name: string, data: object, options: JobOptions = {}): Promise<boolean> {
  const current = holder.baseplateJobQueue;
  if (!current) return false;
  return current.enqueue(name, data, options);
}

/** The queue's job counts, or null when no queue runs in this process. */
export async function countJobs(): Promise<JobCount[] | null> {
  return (await holder.baseplateJobQueue?.countJobs?.()) ?? null;
}

/** A kind of job: its handler, and the sweep that finds work whose job never arrived. */
export type JobDefinition<Data extends object = object> = {
  name: string;
  /** Runs one job. Must be idempotent: a job whose worker died is retried. Throw to retry later. */
  run(data: Data): Promise<void>;
  /** Enqueues a job for every piece of recorded work still undone (at start, then on a schedule). */
  sweep?(): Promise<void>;
  /** Retries after a failure (with backoff); default 5. */
  retryLimit?: number;
  /** Wait before the first retry, doubled (with jitter) for each next one; default 10 s. */
  retryDelaySeconds?: number;
  /**
   * A run still active after this long is failed and retried: this is how a job whose worker died
   * (process killed) comes back, so it must exceed the longest honest run; default 15 min.
   */
  expireInSeconds?: number;
  /** Jobs of this kind run at once in one process; default 1. */
  concurrency?: number;
};
