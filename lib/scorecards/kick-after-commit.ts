import { kickScorecardRecompute, type ScorecardRecomputeData } from '@/lib/scorecards/evaluate/kick-recompute';
import { log } from '@/lib/observability/logger';

// After a committed definition change: hand each new generation to the job queue. The change is
// already recorded (target_generation > live_generation, the outbox), so a failed enqueue loses
// nothing (the job's sweep finds the generation) and must not turn a saved write into an error.

/** A generation recorded by a committed change: what the recompute job takes. */
export type Bump = ScorecardRecomputeData;

export async function kickAfterCommit(bumps: Bump[]): Promise<void> {
  for (const bump of bumps) {
    try {
      await kickScorecardRecompute(bump);
    } catch (error) {
      log().warn(
        { err: error, scorecard: bump.scorecardId, generation: bump.generation },
        'scorecard recompute not enqueued; its sweep will',
      );
    }
  }
}
