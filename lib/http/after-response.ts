import { AsyncLocalStorage } from 'node:async_hooks';
import { after } from 'next/server';

// Work to do once the response is sent (stamping an API key's last use). Inside Next.js that is
// `after()`; for a request the direct API dispatcher serves (lib/cli/direct-api.ts) it is the
// dispatcher's own queue, run when the response has finished.

const queues = new AsyncLocalStorage<Array<() => unknown>>();

export function afterResponse(task: () => unknown): void {
  const queue = queues.getStore();
  if (queue) queue.push(task);
  else after(task);
}

/** Runs `fn` with its own after-response queue (the direct dispatcher runs the queue itself). */
export function withAfterQueue<T>(queue: Array<() => unknown>, fn: () => Promise<T>): Promise<T> {
  return queues.run(queue, fn);
}
