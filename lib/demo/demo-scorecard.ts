import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { DEFAULT_LEVELS, type ScorecardRuleInput } from '@/lib/domain/scorecard-rules';
import { recomputeScorecard } from '@/lib/scorecards/evaluate/recompute-job';
import { Prisma } from '@/lib/generated/prisma/client';
import { dateEntriesBackSql, oneMoveSql } from './demo-history.sql';

// The demo team's "Production readiness" scorecard on its services: a realistic spread of levels
// (from the demo catalog as it is) and six weeks of history, so a first look at the dashboard
// shows a living one.

const has = (property: string, operator: string, value?: unknown) => ({
  combinator: 'and' as const,
  rules: [value === undefined ? { property, operator } : { property, operator, value }],
});

export const DEMO_SCORECARD = {
  identifier: 'production-readiness',
  title: 'Production readiness',
  description: 'What a service needs before it takes production traffic: an owner, a home, a reliable target and a supported stack.',
  rules: [
    {
      identifier: 'has-owner',
      title: 'Has an owner',
      description: 'An owner email, so an incident reaches someone.',
      level: 'Bronze',
      query: has('owner_email', 'isNotEmpty'),
    },
    { identifier: 'not-deprecated', title: 'Not deprecated', level: 'Bronze', query: has('lifecycle', '!=', 'deprecated') },
    { identifier: 'slo', title: 'Uptime SLO of 99.9% or more', level: 'Silver', query: has('uptime_slo', '>=', 99.9) },
    {
      identifier: 'production-cluster',
      title: 'Runs on a production cluster',
      description: 'Its runs_on cluster is a production one.',
      level: 'Silver',
      query: has('runs_on.environment', '=', 'production'),
    },
    {
      identifier: 'supported-language',
      title: 'Supported language',
      description: 'Written in one of the languages the platform team supports.',
      level: 'Gold',
      query: has('language', 'in', ['TypeScript', 'Go', 'Kotlin', 'Rust']),
    },
    { identifier: 'current-major', title: 'On a current major version', level: 'Gold', query: has('version', '>=', '2.0.0') },
  ] satisfies ScorecardRuleInput[],
};

/** The scorecard and its rules, inside the demo's seeding transaction (generation 1, not computed). */
export async function insertDemoScorecard(tx: Prisma.TransactionClient, teamId: string): Promise<string> {
  const { id } = await tx.scorecard.create({
    data: {
      teamId,
      blueprintId: 'service',
      identifier: DEMO_SCORECARD.identifier,
      title: DEMO_SCORECARD.title,
      description: DEMO_SCORECARD.description,
      levels: DEFAULT_LEVELS.map((l) => ({ ...l })),
    },
  });
  await tx.scorecardRule.createMany({
    data: DEMO_SCORECARD.rules.map((r, position) => ({
      teamId,
      scorecardId: id,
      identifier: r.identifier,
      title: r.title,
      description: r.description ?? null,
      level: r.level,
      value: r.query,
      position,
    })),
  });
  return id;
}

/** Computes the results now (not through the queue: the first look needs them), then dates the history. */
export async function computeDemoScorecard(db: Db, teamId: string, scorecardId: string): Promise<void> {
  await recomputeScorecard(db, { teamId, scorecardId, generation: 1 });
  const scope = { teamId, scorecardId, levels: DEFAULT_LEVELS.map((l) => l.name) };
  await db.$transaction(async (tx) => {
    await execSql(tx, dateEntriesBackSql(scope));
    // About half climbed one level in the last five weeks; a few dropped one in the last ten days.
    await execSql(tx, oneMoveSql(scope, Prisma.sql`to_rank >= 1 AND h % 100 < 55`, -1, Prisma.sql`1 + h % 34`));
    await execSql(tx, oneMoveSql(scope, Prisma.sql`to_rank BETWEEN 1 AND 2 AND h % 100 >= 90`, 1, Prisma.sql`1 + h % 10`));
  });
}
