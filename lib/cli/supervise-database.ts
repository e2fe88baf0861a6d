import type { EmbeddedDatabase } from '@/lib/db/embedded-postgres';

// The embedded PostgreSQL is a child of `npm start`: when it exits on its own (a crash, an OOM
// kill, someone's `pg_ctl stop`), nothing else would bring it back. Restart it on the same port and
// data, with growing pauses (a killed postmaster's backends must exit before a new one may start);
// meanwhile requests are answered 503 with Retry-After (lib/http/database-error.ts) and the pool
// reconnects by itself. If it will not come back, give up: `npm start` then exits non-zero so that
// whatever supervises Baseplate (systemd, a container runtime) restarts the whole.

const ATTEMPTS = 8;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts watching; the function returned stops it (a shutdown must not restart what it stops). */
export function superviseDatabase(server: EmbeddedDatabase, log: (line: string) => void, giveUp: (reason: string) => void): () => void {
  let watching = true;
  server.onUnexpectedExit(async (code) => {
    if (!watching) return;
    log(`the embedded PostgreSQL exited unexpectedly (code ${code}); restarting it`);
    let last = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await server.restart();
        log(`the embedded PostgreSQL is back (attempt ${attempt})`);
        return;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
        await pause(Math.min(250 * 2 ** attempt, 5_000));
      }
    }
    giveUp(`the embedded PostgreSQL could not be restarted after ${ATTEMPTS} attempts: ${last}`);
  });
  return () => {
    watching = false;
  };
}
