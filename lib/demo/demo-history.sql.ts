import { Prisma } from '@/lib/generated/prisma/client';

// The demo scorecard's past: its first computation wrote one "entered" row per service, dated
// now. These statements date them six weeks back and tell a believable story since: about half
// the services climbed one level on some day of the last five weeks, a few dropped one in the
// last ten days. Each entity's chain of rows still ends at its live level, so the trend (walked
// back from the live distribution) stays true to the rows. Demo only: the hash of the identifier
// picks who, so every new Baseplate shows the same history.

type Scope = { teamId: string; scorecardId: string; levels: string[] };

const SIX_WEEKS = Prisma.sql`CURRENT_TIMESTAMP - interval '42 days'`;

export function dateEntriesBackSql({ teamId, scorecardId }: Scope): Prisma.Sql {
  return Prisma.sql`UPDATE scorecard_level_changes SET at = ${SIX_WEEKS}, cause = 'entity_created'
     WHERE team_id = ${teamId}::uuid AND scorecard_id = ${scorecardId}::uuid`;
}

/**
 * Entities picked by `pick` (a condition on `h`, the identifier's hash, and `to_rank`) entered one
 * level `step` away from where they are (-1: lower, they climbed; +1: higher, they dropped), and
 * moved to their live level on a day `daysBack` (an expression of `h`) ago.
 */
export function oneMoveSql({ teamId, scorecardId, levels }: Scope, pick: Prisma.Sql, step: -1 | 1, daysBack: Prisma.Sql): Prisma.Sql {
  const name = (rank: Prisma.Sql) => Prisma.sql`(${levels}::text[])[${rank} + 1]`;
  return Prisma.sql`
    WITH picked AS (
      SELECT c.id, c.entity_id, c.entity_identifier, c.to_rank, abs(hashtext(c.entity_identifier)::bigint) AS h
        FROM scorecard_level_changes c
       WHERE c.team_id = ${teamId}::uuid AND c.scorecard_id = ${scorecardId}::uuid AND c.from_rank IS NULL AND c.to_rank IS NOT NULL),
    chosen AS (SELECT * FROM picked WHERE ${pick}),
    entered AS (
      UPDATE scorecard_level_changes c SET to_rank = p.to_rank + ${step}::int, to_level = ${name(Prisma.sql`p.to_rank + ${step}::int`)}
        FROM chosen p WHERE c.team_id = ${teamId}::uuid AND c.id = p.id RETURNING c.id)
    INSERT INTO scorecard_level_changes
      (team_id, scorecard_id, entity_id, entity_identifier, from_rank, from_level, to_rank, to_level, cause, at)
    SELECT ${teamId}::uuid, ${scorecardId}::uuid, p.entity_id, p.entity_identifier,
           p.to_rank + ${step}::int, ${name(Prisma.sql`p.to_rank + ${step}::int`)}, p.to_rank, ${name(Prisma.sql`p.to_rank`)},
           'entity_updated', CURRENT_TIMESTAMP - make_interval(days => (${daysBack})::int, mins => (p.h % 600)::int)
      FROM chosen p`;
}
