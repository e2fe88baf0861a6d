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
  /** At most one queued or active job per key (pg-boss singletonKey): enqueueing twice is harmless. */
  singletonKey?: string;
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
};

export type JobQueue = {
  enqueue(name: string, data: object, options?: JobOptions): Promise<boolean>;
};

let current: JobQueue | null = null;

/** Set by the queue when it starts, cleared when it stops. */
export function setJobQueue(queue: JobQueue | null): void {
  current = queue;
}

/**
 * Hands a job to the queue; false when no queue runs in this process (the job's sweep picks the
 * work up from the database state later), or when a job with the same singletonKey is waiting.
 */
export async function enqueueJob(name: string, data: object, options: JobOptions = {}): Promise<boolean> {
  if (!current) return false;
  return current.enqueue(name, data, options);
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
  /** Jobs of this kind run at once in one process; default 1. */
  concurrency?: number;
};
