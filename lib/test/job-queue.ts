import { afterAll } from 'vitest';
import type { JobDefinition } from '@/lib/jobs/job-queue';
import { startJobQueue, type JobQueueHandle, type JobQueueOptions } from '@/lib/jobs/start-job-queue';
import { testDatabaseUrl, testPool } from './database-per-file';

// The job queue in integration tests: the real pg-boss on the test file's database, polling often
// so that tests wait little. Every queue started here is stopped after the file (before the
// database is dropped). Tests wait for states through waitFor / jobStates, never for a time.

const started: JobQueueHandle[] = [];

/** Stops every queue started here (a test that needs "no queue runs" calls it first). */
export async function stopTestJobQueues(): Promise<void> {
  for (const handle of started.splice(0).reverse()) await handle.stop(1_000);
}

afterAll(stopTestJobQueues);

/** A queue running `definitions` on this file's database (stopped after the file). */
export async function startTestJobQueue(
  definitions: readonly JobDefinition[],
  options: Partial<Omit<JobQueueOptions, 'definitions'>> = {},
): Promise<JobQueueHandle> {
  const handle = await startJobQueue({
    connectionString: testDatabaseUrl(),
    definitions,
    poolSize: 2,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
    ...options,
  });
  started.push(handle);
  return handle;
}

/** Polls `check` until it returns a value other than undefined/false; fails past `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type JobRow = { id: string; state: string; singletonKey: string | null; retryCount: number; data: unknown };

/** The jobs of one kind as pg-boss stores them (archived ones excluded), oldest first. */
export async function jobsOf(name: string): Promise<JobRow[]> {
  const { rows } = await testPool().query<JobRow>(
    `SELECT id, state::text AS state, singleton_key AS "singletonKey", retry_count AS "retryCount", data
       FROM pgboss.job WHERE name = $1 ORDER BY created_on, id`,
    [name],
  );
  return rows;
}

/** Waits until every job of `name` is in `state` (and there is at least `count` of them). */
export function waitForJobs(name: string, state: string, count = 1, timeoutMs?: number): Promise<JobRow[]> {
  return waitFor(
    async () => {
      const jobs = await jobsOf(name);
      return jobs.length >= count && jobs.every((j) => j.state === state) && jobs;
    },
    `${count} ${name} job(s) ${state}`,
    timeoutMs,
  );
}
