import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ParentMessage, WorkerMessage } from './job-worker-messages';

// Starts the job worker process (job-worker.ts) from the web process and keeps it running: one
// that dies unexpectedly is started again (after a pause that grows with repeated deaths). Its
// output is the parent's (stdio inherited), and it inherits the parent's exec arguments (the tsx
// loader) and environment.

const ENTRY = path.resolve(import.meta.dirname, 'job-worker.ts');
const READY_TIMEOUT_MS = 120_000;

export type JobWorker = {
  /** Tells the worker a job of kind `name` is waiting. */
  wake(name: string): void;
  /** From now on, an exit is final: no new worker is started (the first step of a shutdown). */
  stopRestarting(): void;
  /** Stops it: running jobs get `timeoutMs`; past that (and 5 s more) it is killed. */
  stop(timeoutMs: number): Promise<void>;
};

function startChild(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], { stdio: 'inherit' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the job worker was not ready after ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the job worker exited (code ${code}) before it was ready`));
    };
    child.once('exit', onExit);
    child.on('message', (message: WorkerMessage) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(child);
    });
  });
}

export async function startJobWorker(log: (line: string) => void): Promise<JobWorker> {
  let stopping = false;
  let deaths = 0;
  let child = await startChild();
  const watch = (current: ChildProcess) =>
    current.once('exit', (code, signal) => {
      if (stopping) return;
      deaths += 1;
      const pause = Math.min(30_000, 1000 * 2 ** (deaths - 1));
      log(`the job worker exited (${signal ?? `code ${code}`}); starting a new one in ${pause / 1000} s`);
      setTimeout(() => {
        if (stopping) return;
        startChild().then(
          (next) => {
            child = next;
            watch(next);
          },
          (error: Error) => log(`the job worker did not start again: ${error.message}`),
        );
      }, pause).unref();
    });
  watch(child);
  const send = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  return {
    wake: (name) => send({ type: 'wake', name }),
    stopRestarting() {
      stopping = true;
    },
    async stop(timeoutMs) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'stop', timeoutMs });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
