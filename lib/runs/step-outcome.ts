// What executing one step came to; the runner (execute-run.ts) records it.
export type StepOutcome =
  /** Done: the step is acknowledged and the run moves on. */
  | { kind: 'done'; output?: unknown }
  /** Worth another attempt after `delaySeconds` (a 5xx, a timeout, a network fault). */
  | { kind: 'retry'; delaySeconds: number; output?: unknown }
  /** The run fails with `message`. */
  | { kind: 'fail'; message: string; output?: unknown }
  /** A webhook answered and the external system reports the end (wait_for_report). */
  | { kind: 'wait_report'; deadline: Date; output?: unknown }
  /** An approval step: the run waits for a decision. */
  | { kind: 'wait_approval' };

/** A log line the step writes as it goes. */
export type StepLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => Promise<void>;
