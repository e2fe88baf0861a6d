import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { findScorecardOrThrow } from '@/lib/scorecards/load-scorecard';
import { liveDefinitionOf, levelsOf } from './type-definition';
import { trendRow, trendSql } from './read-results.sql';

// GET .../scorecards/{sc}/trend?days=30: the end-of-day level distribution of each of the last
// `days` days (UTC, today included), walked back from the live distribution through the history
// in one statement (read-results.sql.ts). Levels in the live order; a name that only older days know
// (a renamed or removed level) follows them while its count is not zero.

export type Trend = { days: Array<{ date: string; levels: Array<{ name: string; count: number }> }> };

export const MAX_TREND_DAYS = 365;

export function parseTrendDays(raw: string | null): number {
  if (raw === null) return 30;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > MAX_TREND_DAYS) {
    throw new AppError('bad_request', `days must be an integer from 1 to ${MAX_TREND_DAYS}, got "${raw.slice(0, 20)}"`, {
      reason: 'invalid_days',
    });
  }
  return days;
}

export async function getScorecardTrend(db: Db, ctx: TeamContext, blueprintId: string, identifier: string, days: number): Promise<Trend> {
  requirePermission(ctx, 'scorecard:read');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const sc = await findScorecardOrThrow(db, ctx.team.id, blueprintId, identifier);
  const levels = liveDefinitionOf(sc)?.levels ?? levelsOf(sc).map((l) => l.name);
  const rows = await runSql(
    db,
    trendSql({ teamId: ctx.team.id, scorecardId: sc.id, generation: sc.liveGeneration }, levels, days),
    trendRow,
  );
  const byDay = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const day = byDay.get(row.date) ?? new Map<string, number>();
    byDay.set(row.date, day);
    day.set(row.name, row.n);
  }
  // Every day is in the answer, even with no level at all (no rows from the statement then).
  const dates = rows.length ? [...byDay.keys()] : lastDates(days);
  return {
    days: dates.map((date) => {
      const counts = byDay.get(date) ?? new Map<string, number>();
      const extra = [...counts.keys()].filter((name) => !levels.includes(name) && (counts.get(name) ?? 0) !== 0);
      return { date, levels: [...levels, ...extra].map((name) => ({ name, count: counts.get(name) ?? 0 })) };
    }),
  };
}

function lastDates(days: number): string[] {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
