import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the scorecard writes: the row lock that an If-Match is checked under, the generation
// bump of a definition change, and the scorecards a blueprint change must be checked against.
// Values are parameters, always; every statement leads with team_id.

/**
 * Locks one scorecard until the transaction ends (unique key (team_id, blueprint_id,
 * identifier)): concurrent writes of it queue, so the version checked is the version replaced.
 */
export function lockScorecardSql(teamId: string, blueprintId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, version FROM scorecards
    WHERE team_id = ${teamId}::uuid AND blueprint_id = ${blueprintId} AND identifier = ${identifier} FOR UPDATE`;
}
export const lockedScorecardRow = rowDecoder({ id: 'text', version: 'int' });

/**
 * A new generation for the given scorecards (primary key (team_id, id)): what they mean changed,
 * so the recompute job computes target_generation beside the live results. Returns the
 * generations to kick after commit.
 */
export function bumpGenerationSql(teamId: string, scorecardIds: string[]): Prisma.Sql {
  return Prisma.sql`UPDATE scorecards
    SET target_generation = target_generation + 1, recompute_done = 0, recompute_total = 0, recompute_started_at = NULL
    WHERE team_id = ${teamId}::uuid AND id = ANY(${scorecardIds}::uuid[])
    RETURNING id::text AS id, target_generation AS generation`;
}
export const bumpedRow = rowDecoder({ id: 'text', generation: 'int' });

/**
 * The scorecards whose conditions a change of `blueprintId` (its schema, its relations) can
 * break: the blueprint's own, and those of blueprints with a relation to it (a rule such as
 * "runs_on.region" is typed by the target's schema); null: every scorecard of the team (after a
 * blueprint is deleted, any relatedTo rule may have named it). Read with their rules in order,
 * their blueprint's schema as the transaction sees it, FOR UPDATE (a concurrent scorecard write
 * waits for the blueprint change). Served by the unique key (team_id, blueprint_id, identifier)
 * of scorecards, idx_scorecard_rules_position and blueprint_relations' team_id prefix.
 */
export function scorecardsToRecheckSql(teamId: string, blueprintId: string | null): Prisma.Sql {
  const concerned =
    blueprintId === null
      ? Prisma.empty
      : Prisma.sql`AND (s.blueprint_id = ${blueprintId}
           OR s.blueprint_id IN (SELECT source_blueprint_id FROM blueprint_relations
                                  WHERE team_id = ${teamId}::uuid AND target_blueprint_id = ${blueprintId}))`;
  return Prisma.sql`
    SELECT s.id::text AS id, s.identifier, s.blueprint_id AS blueprint, s.filter, b.schema,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('identifier', r.identifier, 'query', r.value) ORDER BY r.position)
                  FROM scorecard_rules r WHERE r.team_id = s.team_id AND r.scorecard_id = s.id), '[]'::jsonb) AS rules
    FROM scorecards s
    JOIN blueprints b ON b.team_id = s.team_id AND b.id = s.blueprint_id
    WHERE s.team_id = ${teamId}::uuid ${concerned}
    ORDER BY s.id
    FOR UPDATE OF s`;
}
export const recheckRow = rowDecoder({ id: 'text', identifier: 'text', blueprint: 'text', filter: 'json', schema: 'json', rules: 'json' });
