import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import type { LiveDefinition, ScorecardLevel } from '@/lib/domain/scorecard-rules';
import { selectScorecardFields } from './list-scorecard-fields.sql';

// The catalog's scorecard fields (lib/catalog-view/scorecard-fields.ts): per scorecard of the
// blueprint, its levels with their colours and its rules with their titles. The names are those
// of the LIVE definition when there is one (what a search by level or rule accepts and what
// ?include=scorecards answers), coloured and titled by the current definition.

export type ScorecardField = {
  identifier: string;
  title: string;
  levels: ScorecardLevel[];
  rules: Array<{ identifier: string; title: string }>;
};

const GREY = '#94a3b8';

export async function listScorecardFields(db: Db, ctx: TeamContext, blueprintId: string): Promise<ScorecardField[]> {
  requirePermission(ctx, 'scorecard:read');
  const rows = await selectScorecardFields(db, ctx.team.id, blueprintId);
  return rows.map((row) => {
    const levels = row.levels as ScorecardLevel[];
    const rules = row.rules as Array<{ identifier: string; title: string }>;
    const live = row.live as LiveDefinition | null;
    if (!live) return { identifier: row.identifier, title: row.title, levels, rules };
    const colorOf = new Map(levels.map((l) => [l.name, l.color]));
    const titleOf = new Map(rules.map((r) => [r.identifier, r.title]));
    return {
      identifier: row.identifier,
      title: row.title,
      levels: live.levels.map((name) => ({ name, color: colorOf.get(name) ?? GREY })),
      rules: live.rules.map((r) => ({ identifier: r.identifier, title: titleOf.get(r.identifier) ?? r.identifier })),
    };
  });
}
