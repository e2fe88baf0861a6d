import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import type { LiveDefinition, ScorecardLevel } from '@/lib/domain/scorecard-rules';
import { AppError } from '@/lib/errors';

// The scorecard of a URL (team, blueprint, identifier): another team's, or another blueprint's,
// is a 404 like one that does not exist. A primary-key-like lookup on the unique key
// (team_id, blueprint_id, identifier), through Prisma (README: simple reads by key).

export type LoadedScorecard = {
  id: string;
  identifier: string;
  levels: ScorecardLevel[];
  liveGeneration: number;
  targetGeneration: number;
  liveDefinition: LiveDefinition | null;
  computedAt: Date | null;
  rules: Array<{ identifier: string; level: string }>;
};

export async function loadScorecardOrThrow(db: Db, ctx: TeamContext, blueprintId: string, identifier: string): Promise<LoadedScorecard> {
  const row = await db.scorecard.findUnique({
    where: { teamId_blueprintId_identifier: { teamId: ctx.team.id, blueprintId, identifier } },
    include: { rules: { select: { identifier: true, level: true }, orderBy: { position: 'asc' } } },
  });
  if (!row) throw new AppError('not_found', `scorecard "${identifier}" not found in blueprint "${blueprintId}"`);
  return {
    id: row.id,
    identifier: row.identifier,
    levels: row.levels as ScorecardLevel[],
    liveGeneration: row.liveGeneration,
    targetGeneration: row.targetGeneration,
    liveDefinition: row.liveDefinition as LiveDefinition | null,
    computedAt: row.computedAt,
    rules: row.rules,
  };
}
