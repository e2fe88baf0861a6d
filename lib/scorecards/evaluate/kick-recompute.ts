import { enqueueJob } from '@/lib/jobs/job-queue';

// A scorecard's recompute is recorded in its row (target_generation > live_generation, set in the
// transaction that changed the definition); this hands it to the queue after commit. The job is
// keyed by the generation, so a second kick of the same generation is a no-op, and the job's
// sweep finds a generation whose kick never came.

export const SCORECARD_RECOMPUTE_JOB = 'scorecard-recompute';

export type ScorecardRecomputeData = { teamId: string; scorecardId: string; generation: number };

export function kickScorecardRecompute(data: ScorecardRecomputeData): Promise<boolean> {
  return enqueueJob(SCORECARD_RECOMPUTE_JOB, data, { singletonKey: `${data.scorecardId}:${data.generation}` });
}
