import PgBoss from 'pg-boss';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testPool } from '@/lib/test/database-per-file';
import { jobsOf, startTestJobQueue, stopTestJobQueues, waitFor, waitForJobs } from '@/lib/test/job-queue';
import { countJobs, enqueueJob, type JobDefinition } from './job-queue';
import { JOB_SCHEMA } from './start-job-queue';

// The durable queue against the real PostgreSQL: runs, sweeps, restarts, retries, expiry of a dead
// worker, dedup by key and two instances on one database. Each test uses its own kind of job.

type N = { n: number };

/** A definition that records the `n` of every run. */
function recording(name: string, extra: Partial<JobDefinition<N>> = {}): { definition: JobDefinition<N>; ran: number[] } {
  const ran: number[] = [];
  return { ran, definition: { name, run: async ({ n }) => void ran.push(n), ...extra } };
}

afterEach(stopTestJobQueues);

describe('the job queue', () => {
  it('runs an enqueued job once (kept in the pgboss schema)', async () => {
    const { definition, ran } = recording('t-runs');
    await startTestJobQueue([definition]);
    expect(await enqueueJob('t-runs', { n: 1 })).toBe(true);
    const [job] = await waitForJobs('t-runs', 'completed');
    expect(ran).toEqual([1]);
    expect(job.data).toEqual({ n: 1 });
    expect(await countJobs()).toContainEqual({ name: 't-runs', state: 'completed', count: 1 });
  });

  it('answers false for a job kind it does not run (the sweep is the fallback)', async () => {
    expect(await countJobs()).toBeNull();
    await startTestJobQueue([recording('t-known').definition]);
    expect(await enqueueJob('t-unknown', { n: 1 })).toBe(false);
  });

  it('a job enqueued while no queue runs is found by the sweep when a queue starts', async () => {
    // The outbox: the work is a row; the job only runs it, and the sweep finds undone rows.
    await testPool().query('CREATE TABLE t_outbox (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false)');
    await testPool().query('INSERT INTO t_outbox (id) VALUES (7)');
    const definition: JobDefinition<{ id: number }> = {
      name: 't-sweep',
      run: async ({ id }) => void (await testPool().query('UPDATE t_outbox SET done = true WHERE id = $1', [id])),
      sweep: async () => {
        const { rows } = await testPool().query<{ id: number }>('SELECT id FROM t_outbox WHERE NOT done');
        for (const { id } of rows) await enqueueJob('t-sweep', { id }, { singletonKey: String(id) });
      },
    };
    expect(await enqueueJob('t-sweep', { id: 7 }, { singletonKey: '7' })).toBe(false);
    expect(await jobsOf('t-sweep')).toEqual([]);

    await startTestJobQueue([definition]);
    await waitFor(async () => (await testPool().query('SELECT done FROM t_outbox WHERE id = 7')).rows[0].done, 'the swept work done');
    expect((await waitForJobs('t-sweep', 'completed')).map((j) => j.singletonKey)).toEqual(['7']);
  });

  it('a failing sweep is logged and the queue still runs jobs', async () => {
    const { definition, ran } = recording('t-bad-sweep', {
      sweep: async () => {
        throw new Error('sweep broke');
      },
    });
    await startTestJobQueue([definition]);
    expect(await enqueueJob('t-bad-sweep', { n: 3 })).toBe(true);
    await waitForJobs('t-bad-sweep', 'completed');
    expect(ran).toEqual([3]);
  });

  it('jobs survive a restart: enqueued on one queue, run by the next', async () => {
    const first = recording('t-restart');
    const queue1 = await startTestJobQueue([first.definition]);
    expect(await enqueueJob('t-restart', { n: 5 }, { startAfterSeconds: 2 })).toBe(true);
    await queue1.stop();
    expect(first.ran).toEqual([]);
    expect((await jobsOf('t-restart')).map((j) => j.state)).toEqual(['created']);

    const second = recording('t-restart');
    await startTestJobQueue([second.definition]);
    await waitForJobs('t-restart', 'completed');
    expect(first.ran).toEqual([]);
    expect(second.ran).toEqual([5]);
  });

  it('a failing job is retried with backoff, then succeeds', async () => {
    let attempts = 0;
    const definition: JobDefinition<N> = {
      name: 't-retry',
      retryLimit: 3,
      retryDelaySeconds: 1,
      run: async () => {
        attempts++;
        if (attempts <= 2) throw new Error(`attempt ${attempts} fails`);
      },
    };
    await startTestJobQueue([definition]);
    await enqueueJob('t-retry', { n: 1 });
    const [job] = await waitForJobs('t-retry', 'completed');
    expect(attempts).toBe(3);
    expect(job.retryCount).toBe(2);
    const { rows } = await testPool().query('SELECT retry_limit, retry_delay, retry_backoff FROM pgboss.job WHERE id = $1', [job.id]);
    expect(rows[0]).toEqual({ retry_limit: 3, retry_delay: 1, retry_backoff: true });
  });

  it('a job that keeps failing ends failed after its retry limit', async () => {
    let attempts = 0;
    const definition: JobDefinition<N> = {
      name: 't-fails',
      retryLimit: 1,
      retryDelaySeconds: 1,
      run: async () => {
        attempts++;
        throw new Error('always fails');
      },
    };
    await startTestJobQueue([definition]);
    await enqueueJob('t-fails', { n: 1 });
    await waitForJobs('t-fails', 'failed');
    expect(attempts).toBe(2);
  });

  it('a job whose worker died is retried once it expires', async () => {
    const { definition, ran } = recording('t-expire', { expireInSeconds: 1, retryDelaySeconds: 1 });
    const sender = await startTestJobQueue([definition], { work: false });
    expect(await enqueueJob('t-expire', { n: 9 })).toBe(true);
    // A worker takes the job and its process is killed: the job stays active, nobody completes it.
    const dying = new PgBoss({ connectionString: testDatabaseUrl(), schema: JOB_SCHEMA, supervise: false, max: 1 });
    await dying.start();
    expect(await dying.fetch('t-expire')).toHaveLength(1);
    await dying.stop({ graceful: false });
    await sender.stop();
    expect((await jobsOf('t-expire')).map((j) => j.state)).toEqual(['active']);

    await startTestJobQueue([definition]);
    const [job] = await waitForJobs('t-expire', 'completed');
    expect(ran).toEqual([9]);
    expect(job.retryCount).toBe(1);
  });

  it('a stop waits for a running job, and fails one still running past its timeout for a retry', async () => {
    let release: () => void = () => {};
    const started: number[] = [];
    const definition: JobDefinition<N> = {
      name: 't-drain',
      retryDelaySeconds: 1,
      run: async ({ n }) => {
        started.push(n);
        if (n === 2) await new Promise<void>((resolve) => (release = resolve));
      },
    };
    // Finishes within the drain: completed, not retried.
    const queue1 = await startTestJobQueue([definition]);
    await enqueueJob('t-drain', { n: 1 });
    await waitForJobs('t-drain', 'completed');
    // Still running when the drain ends: failed by the stop, so it is retried by the next queue.
    await enqueueJob('t-drain', { n: 2 });
    await waitFor(() => started.includes(2), 'job 2 started');
    await queue1.stop(1_000);
    expect((await jobsOf('t-drain')).map((j) => [j.data, j.state])).toEqual([
      [{ n: 1 }, 'completed'],
      [{ n: 2 }, 'retry'],
    ]);
    release();

    const rerun: JobDefinition<N> = { ...definition, run: async ({ n }) => void started.push(n) };
    await startTestJobQueue([rerun]);
    await waitForJobs('t-drain', 'completed', 2);
    expect(started).toEqual([1, 2, 2]);
  });

  it('a job that ends during the drain is completed, not retried', async () => {
    let release: () => void = () => {};
    let running = false;
    const definition: JobDefinition<N> = {
      name: 't-drain-ok',
      run: async () => {
        running = true;
        await new Promise<void>((resolve) => (release = resolve));
      },
    };
    const queue = await startTestJobQueue([definition]);
    await enqueueJob('t-drain-ok', { n: 1 });
    await waitFor(() => running, 'the job running');
    const stopping = queue.stop(10_000);
    release();
    await stopping;
    expect((await jobsOf('t-drain-ok')).map((j) => j.state)).toEqual(['completed']);
  });

  it('a singletonKey dedupes waiting jobs', async () => {
    await startTestJobQueue([recording('t-key').definition], { work: false });
    expect(await enqueueJob('t-key', { n: 1 }, { singletonKey: 'sc1:2' })).toBe(true);
    expect(await enqueueJob('t-key', { n: 2 }, { singletonKey: 'sc1:2' })).toBe(false);
    expect(await enqueueJob('t-key', { n: 3 }, { singletonKey: 'sc1:3' })).toBe(true);
    expect((await jobsOf('t-key')).map((j) => [j.singletonKey, j.data])).toEqual([
      ['sc1:2', { n: 1 }],
      ['sc1:3', { n: 3 }],
    ]);
    // An enqueue-only queue (JOBS_ENABLED=false) runs nothing.
    expect((await jobsOf('t-key')).map((j) => j.state)).toEqual(['created', 'created']);
  });

  it('two instances on one database never run the same job twice', async () => {
    const a = recording('t-two', { concurrency: 2 });
    const b = recording('t-two', { concurrency: 2 });
    await startTestJobQueue([a.definition]);
    await startTestJobQueue([b.definition]);
    const ns = Array.from({ length: 40 }, (_, i) => i);
    for (const n of ns) expect(await enqueueJob('t-two', { n })).toBe(true);
    await waitForJobs('t-two', 'completed', ns.length);
    expect([...a.ran, ...b.ran].sort((x, y) => x - y)).toEqual(ns);
  });
});
