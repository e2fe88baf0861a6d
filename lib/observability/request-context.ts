import { AsyncLocalStorage } from 'node:async_hooks';

// What the server knows about the request being served, for its access line and its log lines:
// the server sets the id and route pattern, the route wrapper adds team and actor kind once it
// has resolved them. The storage is global, not module-level: the production server holds two
// copies of this module (Next's bundle and the server's own), and both must see one store.

export type RequestStore = {
  requestId: string;
  /** The route pattern (never the raw path: ids would blow up metric labels). */
  route: string;
  team?: string;
  actorKind?: string;
};

const holder = globalThis as unknown as { baseplateRequestStore?: AsyncLocalStorage<RequestStore> };
const storage = (holder.baseplateRequestStore ??= new AsyncLocalStorage<RequestStore>());

export function runWithRequestStore<T>(store: RequestStore, fn: () => T): T {
  return storage.run(store, fn);
}

export function currentRequestStore(): RequestStore | undefined {
  return storage.getStore();
}

/** The id the server gave the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Records who is calling and in which team, for the access line. */
export function noteRequestCaller(caller: { team?: string; actorKind?: string }): void {
  const store = storage.getStore();
  if (!store) return;
  if (caller.team !== undefined) store.team = caller.team;
  if (caller.actorKind !== undefined) store.actorKind = caller.actorKind;
}

/**
 * Runs `fn` outside any request: for events of long-lived resources (a pooled database
 * connection keeps the context of the request that opened it), whose log lines must not carry
 * that old request's id.
 */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}
