import { rowDecoder } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';

// The scorecards a search names, in ONE query: each with its live generation and what the live
// results mean (live_definition: level names by rank, rule identifiers in bit order). A scorecard
// never computed (live_generation 0) has no live definition: its current levels and rules (by
// position, idx_scorecard_rules_position) stand in, only to check the names of the body.
// Served by the unique key scorecards (team_id, blueprint_id, identifier).

const scorecardRow = rowDecoder({
  identifier: 'text',
  id: 'text',
  generation: 'int',
  levels: 'text[]',
  rules: 'text[]',
});
export type SearchScorecardRow = ReturnType<typeof scorecardRow>;

export function loadSearchScorecardRows(db: Db, teamId: string, blueprintId: string, identifiers: string[]): Promise<SearchScorecardRow[]> {
  return runSql(
    db,
    Prisma.sql`
      SELECT s.identifier, s.id::text AS id, s.live_generation AS generation,
             CASE WHEN s.live_generation > 0
                  THEN ARRAY(SELECT jsonb_array_elements_text(s.live_definition->'levels'))
                  ELSE ARRAY(SELECT l->>'name' FROM jsonb_array_elements(s.levels) WITH ORDINALITY AS x(l, n) ORDER BY n) END AS levels,
             CASE WHEN s.live_generation > 0
                  THEN ARRAY(SELECT r->>'identifier' FROM jsonb_array_elements(s.live_definition->'rules') WITH ORDINALITY AS x(r, n) ORDER BY n)
                  ELSE ARRAY(SELECT sr.identifier::text FROM scorecard_rules sr
                              WHERE sr.team_id = s.team_id AND sr.scorecard_id = s.id ORDER BY sr.position) END AS rules
        FROM scorecards s
       WHERE s.team_id = ${teamId}::uuid AND s.blueprint_id = ${blueprintId} AND s.identifier = ANY(${identifiers}::text[])`,
    scorecardRow,
  );
}
