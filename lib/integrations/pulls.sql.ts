import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the scheduled pulls (migration 0025). The sweep is the one statement that reads over
// all teams: it only finds which (team_id, id) are due, and the job then reads each through its team.

/** Due pulls of every team, oldest first: a range of idx_integrations_next_pull (partial, due ones only). now(), being
 * stable (clock_timestamp() is volatile), can be the index condition. */
export function duePullsSql(limit: number): Prisma.Sql {
  return Prisma.sql`SELECT team_id::text AS team_id, id::text AS id, next_pull_at
    FROM integrations WHERE next_pull_at IS NOT NULL AND next_pull_at <= now()
    ORDER BY next_pull_at LIMIT ${limit}`;
}
export const duePullRow = rowDecoder({ team_id: 'text', id: 'text', next_pull_at: 'date' });

/** One interval of the integration's schedule from now: when its next pull is due. */
const ONE_INTERVAL_ON = Prisma.sql`clock_timestamp() + make_interval(mins => (settings ->> 'interval_minutes')::int)`;

/**
 * Claims the pull that was due at `due`: moves next_pull_at one interval past now, only while it
 * is still `due` (compare-and-set on the primary key (team_id, id)). Two workers given the same
 * due pull (two instances' sweeps, a retry) find one row between them; the other finds none.
 */
export function claimPullSql(teamId: string, integrationId: string, due: Date): Prisma.Sql {
  return Prisma.sql`UPDATE integrations
       SET next_pull_at = ${ONE_INTERVAL_ON}
     WHERE team_id = ${teamId}::uuid AND id = ${integrationId}::uuid AND next_pull_at = ${due}::timestamptz
       AND enabled AND kind = 'http-pull'
    RETURNING identifier`;
}
export const claimedPullRow = rowDecoder({ identifier: 'text' });

/**
 * After a pull someone asked for (POST .../pull): the next scheduled one is an interval from now,
 * as after a scheduled pull (a due job enqueued before then finds its claim gone). Primary key;
 * only while the integration is scheduled (enabled http-pull).
 */
export function reschedulePullSql(teamId: string, integrationId: string): Prisma.Sql {
  return Prisma.sql`UPDATE integrations
       SET next_pull_at = ${ONE_INTERVAL_ON}
     WHERE team_id = ${teamId}::uuid AND id = ${integrationId}::uuid AND next_pull_at IS NOT NULL`;
}
