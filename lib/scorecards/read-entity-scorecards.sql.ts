import { rowDecoder } from '@/lib/db/decode-row';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { Prisma } from '@/lib/generated/prisma/client';

// The live results of a page of entities, every scorecard at once, in ONE query: each row is one
// entity's result in one scorecard's LIVE generation, with what the rank and bits mean then
// (live_definition: the level's name, the rule identifiers in bit order). Served by
// idx_scorecard_results_entity (team_id, entity_id); the join to scorecards by its primary key.

const resultRow = rowDecoder({
  entity_id: 'text',
  scorecard: 'text',
  level: 'text',
  rules: 'text[]',
  passed: 'text',
});
export type EntityResultRow = ReturnType<typeof resultRow>;

export function selectEntityResults(db: Db, teamId: string, entityIds: string[]): Promise<EntityResultRow[]> {
  return runSql(
    db,
    Prisma.sql`
      SELECT r.entity_id::text, s.identifier AS scorecard, s.live_definition->'levels'->>r.level::int AS level,
             ARRAY(SELECT x.rule->>'identifier' FROM jsonb_array_elements(s.live_definition->'rules') WITH ORDINALITY AS x(rule, n)
                    ORDER BY x.n) AS rules,
             r.passed::text AS passed
        FROM scorecard_results r
        JOIN scorecards s ON s.team_id = r.team_id AND s.id = r.scorecard_id AND s.live_generation = r.generation
       WHERE r.team_id = ${teamId}::uuid AND r.entity_id = ANY(${entityIds}::uuid[])
       ORDER BY s.identifier`,
    resultRow,
  );
}
