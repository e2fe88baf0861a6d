import { getDb, type Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { enqueueJob, type JobDefinition } from '@/lib/jobs/job-queue';
import { anyEnabledAutomationSql, anyRow } from './automation-events.sql';
import { dispatchAutomationBatch, type BatchResult } from './dispatch-automations';

// The automations engine on the job queue (lib/jobs): one job reads batches for up to RUN_FOR_MS,
// then, while any automation is enabled, enqueues the next (one second later when it found
// nothing), under one key so at most one waits. An event is therefore acted on within a few
// seconds. The sweep (every 60 s, every instance) restarts the chain after a restart or when an
// automation is enabled; saving an automation kicks it at once (kickAutomations). Several
// instances may run the job: the cursor's row lock lets one dispatch at a time.

export const AUTOMATIONS_JOB = 'automations-dispatch';
const RUN_FOR_MS = 20_000;
const KEY = 'dispatch';

async function anyEnabled(db: Db): Promise<boolean> {
  return (await runSql(db, anyEnabledAutomationSql(), anyRow))[0]?.any ?? false;
}

/** After an automation is saved or enabled: start dispatching now rather than at the next sweep. */
export function kickAutomations(): Promise<boolean> {
  return enqueueJob(AUTOMATIONS_JOB, {}, { singletonKey: KEY });
}

export const automationsDispatchJob: JobDefinition = {
  name: AUTOMATIONS_JOB,
  retryLimit: 10,
  retryDelaySeconds: 5,
  expireInSeconds: 5 * 60,
  async run() {
    const db = getDb();
    const until = Date.now() + RUN_FOR_MS;
    let result: BatchResult;
    do {
      result = await dispatchAutomationBatch(db);
    } while (result.state === 'read' && Date.now() < until);
    if (await anyEnabled(db)) {
      await enqueueJob(AUTOMATIONS_JOB, {}, { singletonKey: KEY, startAfterSeconds: result.state === 'read' ? 0 : 1 });
    }
  },
  async sweep() {
    if (await anyEnabled(getDb())) await kickAutomations();
  },
};
