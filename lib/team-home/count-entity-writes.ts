import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSqlWithinOrNull } from '@/lib/db/run-sql';
import { entityWritesPerDaySql, writesPerDayRow } from './team-home.sql';

// "What changed this week" on the team home: entity writes per UTC day, grouped in SQL from the
// audit log. entity:read, not the audit log's team:manage: the answer is counts per day, with no
// actor, data or id in it, which anyone who can read the catalog could count from its history.

export type DayWrites = { day: string; created: number; updated: number; deleted: number };
/** `days` oldest first, every day of the window present (zeros included); null when not counted in time. */
export type EntityWrites = { days: DayWrites[]; total: number } | null;

export const WRITE_DAYS = 14;
/** Past this the page shows "not counted" rather than hold the request (the window can be large). */
const TIMEOUT_MS = 2_000;
const DAY_MS = 86_400_000;

/** The window's UTC days, oldest first: today and the `days - 1` before it. */
export function windowDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** `options` for tests: the clock, and the timeout (a tiny one shows the "not counted" answer). */
export async function countEntityWrites(
  db: Db,
  ctx: TeamContext,
  { now = new Date(), timeoutMs = TIMEOUT_MS }: { now?: Date; timeoutMs?: number } = {},
): Promise<EntityWrites> {
  requirePermission(ctx, 'entity:read');
  const days = windowDays(now, WRITE_DAYS);
  const since = new Date(`${days[0]}T00:00:00Z`);
  const until = new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + DAY_MS);
  const rows = await runSqlWithinOrNull(db, entityWritesPerDaySql(ctx.team.id, since, until), writesPerDayRow, timeoutMs);
  if (!rows) return null;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const filled = days.map((day) => {
    const row = byDay.get(day);
    return { day, created: row?.created ?? 0, updated: row?.updated ?? 0, deleted: row?.deleted ?? 0 };
  });
  return { days: filled, total: filled.reduce((n, d) => n + d.created + d.updated + d.deleted, 0) };
}
