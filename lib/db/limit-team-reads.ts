import type { TeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import { poolSettingsOf } from './prisma';

// Each team's share of the pool for expensive reads (searches, facets, graphs, quick search):
// issue 11 saw 12 concurrent 4 s searches from one team's read-only key hold every connection, so
// every other team's requests failed. A read takes a slot of its API key (or user) and a slot of
// its team before it runs; past the caps it waits, in line behind the same tenant's reads only,
// at most queueTimeoutMs, then answers 503 `team_busy` / `key_busy` with Retry-After. The other
// teams' reads never queue behind it, and half the pool (by default) stays for them and for writes.
//
// The slots are counted in this process only: N instances of Baseplate give a team N times the
// cap, each against its own pool. The statement timeout (lib/db/prisma.ts) bounds how long a slot
// is held.

type Waiter = { grant: () => void };
type Line = { active: number; waiting: Waiter[] };

/** Counting semaphores by name; a name's entry exists only while it has readers or waiters. */
class Slots {
  private readonly lines = new Map<string, Line>();

  /** A slot of `name` (at most `max` at once), or false if none frees up before `deadline`. */
  async take(name: string, max: number, deadline: number): Promise<boolean> {
    let line = this.lines.get(name);
    if (!line) this.lines.set(name, (line = { active: 0, waiting: [] }));
    if (line.active < max) {
      line.active++;
      return true;
    }
    // A bounded line: past 100 waiters nobody would get through in time anyway.
    if (line.waiting.length >= 100 || deadline <= Date.now()) return false;
    const current = line;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        const at = current.waiting.indexOf(waiter);
        if (at >= 0) current.waiting.splice(at, 1);
        resolve(false);
      }, deadline - Date.now());
      current.waiting.push(waiter);
    });
  }

  /** Gives the slot to the next waiter of `name`, or frees it. */
  give(name: string): void {
    const line = this.lines.get(name);
    if (!line) return;
    const next = line.waiting.shift();
    if (next) return next.grant(); // the slot passes on: active stays the same
    line.active--;
    if (line.active <= 0) this.lines.delete(name);
  }

  /** How many slots of `name` are taken (tests and diagnostics). */
  active(name: string): number {
    return this.lines.get(name)?.active ?? 0;
  }
}

// One set of slots per pool (the app has one pool per process; tests make several).
const holder = globalThis as unknown as { baseplateReadSlots?: WeakMap<object, Slots> };
const slotsByDb = (holder.baseplateReadSlots ??= new WeakMap<object, Slots>());

function slotsOf(db: object): Slots {
  let slots = slotsByDb.get(db);
  if (!slots) slotsByDb.set(db, (slots = new Slots()));
  return slots;
}

/** The caps of a pool: configured, or half the pool per team and half of that per key (min 1). */
export function readCaps(db: object): { team: number; key: number; queueTimeoutMs: number } {
  const s = poolSettingsOf(db);
  const team = s.teamConcurrency ?? Math.max(1, Math.floor(s.poolSize / 2));
  const key = s.keyConcurrency ?? Math.max(1, Math.ceil(team / 2));
  return { team, key, queueTimeoutMs: s.queueTimeoutMs };
}

/** The caller's own line: its API key, or the person (in this team); any other actor kind its kind. */
function actorSlot(ctx: TeamContext): string {
  const actor = ctx.actor;
  if (actor.kind === 'api_key') return `key:${actor.keyId}`;
  if ('userId' in actor) return `user:${actor.userId}:${ctx.team.id}`;
  return `${(actor as { kind: string }).kind}:${ctx.team.id}`;
}

function busy(reason: 'team_busy' | 'key_busy', max: number): AppError {
  const who = reason === 'team_busy' ? 'this team' : 'this API key (or user)';
  return new AppError(
    'service_unavailable',
    `${who} already runs ${max} expensive reads at once; retry shortly`,
    { reason, limit: max },
    { 'Retry-After': '1' },
  );
}

/**
 * Runs `read` holding a slot of the caller (API key or user) and one of the team, waiting for
 * them at most the pool's queueTimeoutMs; a 503 (team_busy / key_busy) past that.
 */
export async function withTeamReadSlot<T>(db: object, ctx: TeamContext, read: () => Promise<T>): Promise<T> {
  const slots = slotsOf(db);
  const caps = readCaps(db);
  const deadline = Date.now() + caps.queueTimeoutMs;
  const actor = actorSlot(ctx);
  const team = `team:${ctx.team.id}`;
  // Always the caller's slot first, then the team's: one order, so two reads never hold each
  // other's next slot.
  if (!(await slots.take(actor, caps.key, deadline))) throw busy('key_busy', caps.key);
  try {
    if (!(await slots.take(team, caps.team, deadline))) throw busy('team_busy', caps.team);
    try {
      return await read();
    } finally {
      slots.give(team);
    }
  } finally {
    slots.give(actor);
  }
}

/** Slots of a team taken right now in this process (tests). */
export function activeTeamReads(db: object, teamId: string): number {
  return slotsOf(db).active(`team:${teamId}`);
}
