// A transaction that lost a race PostgreSQL resolves by aborting one side (a deadlock, 40P01, or a
// serialization failure, 40001) did nothing: running it again is safe and almost always succeeds.
// Retried here, a few times with a short jittered backoff, so the caller sees an answer instead
// of a 503. Only for callbacks whose whole effect is inside the transaction (no side effects
// before commit), which is this project's rule anyway (CONVENTIONS.md, habit 8).

const RETRYABLE = new Set(['40001', '40P01']);

/** The SQLSTATE of a failure, from pg (`code`) or Prisma (its driver-adapter cause, or the message). */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown }; meta?: { code?: unknown } } | null;
  for (const candidate of [e?.code, e?.cause?.originalCode, e?.cause?.code, e?.meta?.code]) {
    // Prisma's own codes (P1xxx-P6xxx) look like SQLSTATEs; PL/pgSQL's P0001-P0004 are real ones.
    if (typeof candidate === 'string' && /^[0-9A-Z]{5}$/.test(candidate) && !/^P[1-9]\d{3}$/.test(candidate)) return candidate;
  }
  // Prisma's raw-query error keeps the code only in its text: "Raw query failed. Code: `40P01`."
  return /Code: `([0-9A-Z]{5})`/.exec(String((error as Error | null)?.message))?.[1];
}

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
