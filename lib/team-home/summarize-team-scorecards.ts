import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { getScorecardSummary, type Summary } from '@/lib/scorecards/evaluate/summarize-scorecard';

// The team home's scorecards panel: the team's first few scorecards (any blueprint) with the
// dashboard's own summary each (one statement per scorecard: summarizeFromCounts reads the kept
// counts, never the entities).

export type TeamScorecardSummary = {
  blueprint: string;
  blueprint_title: string;
  identifier: string;
  title: string;
  summary: Summary;
};

export const HOME_SCORECARDS = 4;

/** The oldest `HOME_SCORECARDS` scorecards of the team (a team has a handful; the sort is small). */
export async function summarizeTeamScorecards(db: Db, ctx: TeamContext): Promise<{ scorecards: TeamScorecardSummary[]; more: boolean }> {
  requirePermission(ctx, 'scorecard:read');
  const rows = await db.scorecard.findMany({
    where: { teamId: ctx.team.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: HOME_SCORECARDS + 1,
    select: { blueprintId: true, identifier: true, title: true, blueprint: { select: { title: true } } },
  });
  const shown = rows.slice(0, HOME_SCORECARDS);
  const scorecards = await Promise.all(
    shown.map(async (sc) => ({
      blueprint: sc.blueprintId,
      blueprint_title: sc.blueprint.title,
      identifier: sc.identifier,
      title: sc.title,
      summary: await getScorecardSummary(db, ctx, sc.blueprintId, sc.identifier, undefined),
    })),
  );
  return { scorecards, more: rows.length > HOME_SCORECARDS };
}
