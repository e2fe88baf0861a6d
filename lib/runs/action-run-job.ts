import type { JobDefinition } from '@/lib/jobs/job-queue';
import { getDb } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { enqueueRun, RUN_JOB } from './ask-run';
import { executeRun, type RunnerOptions } from './execute-run';
import { finishRun } from './finish-run';
import { RUN_SELECT } from './run-view';
import { openRunsSql, overdueReportsSql, runRefRow } from './runs.sql';

// The action-run job (lib/jobs/README.md): the run row is the recorded work; the job runs it from
// its step_index (execute-run.ts). The sweep enqueues every open run that has work (a job lost
// between commit and enqueue, or whose worker died: its key dedupes the ones still waiting), and
// fails the runs whose report deadline passed.

const SWEEP_BATCH = 500;

export function createActionRunJob(options: RunnerOptions = {}): JobDefinition<{ teamId: string; runId: string }> {
  return {
    name: RUN_JOB,
    retryLimit: 5,
    retryDelaySeconds: 5,
    // A run is several steps of at most 60 s each (plus retries, which are new jobs).
    expireInSeconds: 30 * 60,
    concurrency: 4,
    run: ({ teamId, runId }) => executeRun(teamId, runId, options),
    async sweep() {
      const db = getDb();
      for (const ref of await runSql(db, openRunsSql(SWEEP_BATCH), runRefRow)) await enqueueRun(ref);
      for (const ref of await runSql(db, overdueReportsSql(SWEEP_BATCH), runRefRow)) {
        const run = await db.actionRun.findUnique({ where: { teamId_id: { teamId: ref.teamId, id: ref.id } }, select: RUN_SELECT });
        if (run)
          await finishRun(db, run, {
            status: 'failed',
            error: 'no report before the deadline',
            message: 'run failed: the external system did not report before the deadline',
          });
      }
    },
  };
}

export const actionRunJob = createActionRunJob();
