import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { listRuns } from '@/lib/runs/get-runs';
import type { RunView } from '@/lib/runs/run-view';

// The team home's runs panel: the last few runs, and whether the team has any action at all
// (without one the panel is left out rather than shown empty).

export const HOME_RUNS = 5;

export async function listRecentRuns(db: Db, ctx: TeamContext): Promise<{ hasActions: boolean; runs: RunView[] }> {
  requirePermission(ctx, 'action:read');
  // The unique key (team_id, identifier) answers from its first entry.
  const action = await db.action.findFirst({ where: { teamId: ctx.team.id }, select: { id: true } });
  if (!action) return { hasActions: false, runs: [] };
  const { runs } = await listRuns(db, ctx, { limit: HOME_RUNS, cursor: null });
  return { hasActions: true, runs };
}
