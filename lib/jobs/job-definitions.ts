import { automationsDispatchJob } from '@/lib/automations/engine/dispatch-job';
import { scorecardRecomputeJob } from '@/lib/scorecards/evaluate/recompute-job';
import { pruneEventsJob } from '@/lib/events/prune-events';
import { actionRunJob } from '@/lib/runs/action-run-job';
import { integrationPullJob } from '@/lib/integrations/integration-pull-job';
import type { JobDefinition } from './job-queue';

// Every kind of job Baseplate runs is listed here: the queue (start-job-queue.ts, started by
// lib/cli/start.ts) creates a pg-boss queue, workers and a sweep for each, and refuses to enqueue
// a name that is not here. Adding a kind: README.md.

export const JOB_DEFINITIONS: JobDefinition[] = [
  scorecardRecomputeJob as JobDefinition,
  pruneEventsJob,
  actionRunJob as JobDefinition,
  automationsDispatchJob,
  integrationPullJob as JobDefinition,
];
