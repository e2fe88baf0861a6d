import { sqlStateOf } from './sql-state';

// A transaction that lost a race PostgreSQL resolves by aborting one side (a deadlock, 40P01, or a
// serialization failure, 40001) did nothing: running it again is safe and almost always succeeds.
// Retried here, a few times with a short jittered backoff, so the caller sees an answer instead
// of a 503. Only for callbacks whose whole effect is inside the transaction (no side effects
// before commit), which is this project's rule anyway (CONVENTIONS.md, habit 8).

const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableConflict(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && RETRYABLE.has(state);
}

export type RetryOptions = { attempts?: number; baseDelayMs?: number };

/** Runs `run` (one whole transaction) and runs it again on 40001/40P01, up to `attempts` times in all. */
export async function retryOnConflict<T>(run: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      // Jittered exponential backoff: the losers of one race should not meet again in lockstep.
      const delay = base * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
