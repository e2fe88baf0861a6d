// A process-wide "at most once a minute per credential" gate for last-used stamps. The UPDATE's
// own WHERE clause makes the minute hold across instances; this map spares the database the
// statements that clause would turn away.

const MINUTE_MS = 60_000;
const lastStamped = new Map<string, number>();

/** True when `key` was not let through in the minute before `now` (and lets it through). */
export function dueOncePerMinute(key: string, now = Date.now()): boolean {
  if (now - (lastStamped.get(key) ?? -Infinity) < MINUTE_MS) return false;
  lastStamped.set(key, now);
  if (lastStamped.size > 10_000) lastStamped.clear();
  return true;
}
