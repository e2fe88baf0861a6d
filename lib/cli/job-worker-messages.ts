// What the web process and its job worker process (job-worker.ts) say to each other over the IPC
// channel of child_process.fork.

/** How much lower the job worker's CPU priority is than the web server's (a nice value, 0-19). */
export const JOB_WORKER_NICE = 10;

export type ParentMessage =
  /** A job of kind `name` was enqueued: look for it now rather than at the next poll. */
  | { type: 'wake'; name: string }
  /** Stop taking jobs; running ones get `timeoutMs`, then are failed for a retry. */
  | { type: 'stop'; timeoutMs: number };

export type WorkerMessage = { type: 'ready' };
