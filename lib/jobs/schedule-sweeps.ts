import { log } from '@/lib/observability/logger';
import type { JobDefinition } from './job-queue';

// Every definition's sweep runs when the queue starts, then on a timer: it finds recorded work
// whose job never arrived (enqueued while no queue ran, or lost between commit and enqueue) and
// enqueues it again; the singletonKey makes that harmless when the job is already waiting.

/** Runs each sweep once, one after the other; a failed sweep is logged and the others still run. */
export async function runSweeps(definitions: readonly JobDefinition[]): Promise<void> {
  for (const definition of definitions) {
    if (!definition.sweep) continue;
    try {
      await definition.sweep();
    } catch (err) {
      log().error({ err, job: definition.name }, 'job sweep failed (it runs again at the next interval)');
    }
  }
}

/** Sweeps now and every `intervalMs`; the timer never keeps the process alive. */
export function scheduleSweeps(definitions: readonly JobDefinition[], intervalMs: number): { cancel(): void; done: Promise<void> } {
  let running: Promise<void> = runSweeps(definitions);
  const timer = setInterval(() => {
    // One round at a time: a slow sweep is not stacked under the next.
    running = running.then(() => runSweeps(definitions));
  }, intervalMs);
  timer.unref();
  return {
    cancel: () => clearInterval(timer),
    get done() {
      return running;
    },
  };
}
