import { rowDecoder } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';

// A blueprint's scorecards as the catalog's fields need them, in ONE query: the current levels
// (names, colours) and rules (titles), and the live definition where one exists (the level and
// rule names that searches accept). The unique key scorecards (team_id, blueprint_id,
// identifier) serves the scorecards, idx_scorecard_rules_position their rules.

const fieldRow = rowDecoder({ identifier: 'text', title: 'text', levels: 'json', rules: 'json', live: 'json' });
export type ScorecardFieldRow = ReturnType<typeof fieldRow>;

export function selectScorecardFields(db: Db, teamId: string, blueprintId: string): Promise<ScorecardFieldRow[]> {
  return runSql(
    db,
    Prisma.sql`
      SELECT s.identifier, s.title, s.levels,
             COALESCE((SELECT jsonb_agg(jsonb_build_object('identifier', r.identifier, 'title', r.title) ORDER BY r.position)
                         FROM scorecard_rules r WHERE r.team_id = s.team_id AND r.scorecard_id = s.id), '[]'::jsonb) AS rules,
             CASE WHEN s.live_generation > 0 THEN s.live_definition END AS live
        FROM scorecards s
       WHERE s.team_id = ${teamId}::uuid AND s.blueprint_id = ${blueprintId}
       ORDER BY s.identifier`,
    fieldRow,
  );
}
