import { Gauge, type Registry } from 'prom-client';
import { log } from '@/lib/observability/logger';
import type { JobCount } from './job-queue';

// The queue's depth on /metrics: jobs by kind and state, counted by pg-boss when scraped. Waiting
// (created, retry) growing means the workers do not keep up; failed counts jobs past their retry
// limit that are not archived yet (pg-boss archives them after 12 h). Every instance that runs
// the queue (even enqueue-only) reports the same database-wide counts; none: the series are absent.

const STATES = ['created', 'retry', 'active', 'failed'] as const;

export function registerJobMetrics(registry: Registry, countJobs: () => Promise<JobCount[] | null>): void {
  new Gauge({
    name: 'baseplate_jobs',
    help: 'Background jobs by kind and state (created and retry: waiting; active: running; failed: out of retries)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      let counts: JobCount[] | null;
      try {
        counts = await countJobs();
      } catch (err) {
        log().warn({ err }, 'job counts unavailable for /metrics');
        return;
      }
      for (const { name, state, count } of counts ?? []) {
        if ((STATES as readonly string[]).includes(state)) this.set({ queue: name, state }, count);
      }
    },
  });
}
