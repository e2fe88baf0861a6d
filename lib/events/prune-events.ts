import { getDb, type Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { env } from '@/lib/env';
import { enqueueJob, type JobDefinition } from '@/lib/jobs/job-queue';
import { pruneEventsSql } from './read-events.sql';

// Retention of the outbox: events older than BASEPLATE_EVENT_RETENTION_DAYS (default 7) go, in
// bounded batches (each its own short statement and transaction). The work needs no record: the
// sweep (every 60 s, on every instance) enqueues one prune under one key, so at most one waits;
// a prune that dies half way is simply done again by the next.

export const PRUNE_EVENTS_JOB = 'catalog-events-prune';
export const PRUNE_BATCH = 5000;

/** Deletes the events older than `before`, `batch` at a time; answers how many went. */
export async function pruneCatalogEvents(db: Db, before: Date, batch = PRUNE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await execSql(db, pruneEventsSql(before, batch));
    total += n;
    if (n < batch) return total;
  }
}

export const pruneEventsJob: JobDefinition = {
  name: PRUNE_EVENTS_JOB,
  retryLimit: 3,
  async run() {
    await pruneCatalogEvents(getDb(), new Date(Date.now() - env().eventRetentionDays * 86_400_000));
  },
  async sweep() {
    await enqueueJob(PRUNE_EVENTS_JOB, {}, { singletonKey: 'prune' });
  },
};
