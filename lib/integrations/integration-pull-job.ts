import { getDb } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError, reasonOf } from '@/lib/errors';
import { enqueueJob, type JobDefinition } from '@/lib/jobs/job-queue';
import type { OutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { log } from '@/lib/observability/logger';
import { findIntegrationOrThrow } from './load-integration';
import { runIntegrationPull } from './pull-integration';
import { claimedPullRow, claimPullSql, duePullRow, duePullsSql } from './pulls.sql';

// The scheduled pulls of http-pull integrations (lib/jobs/README.md "Adding a kind of job"). The
// recorded work is integrations.next_pull_at (set when an enabled http-pull is saved, moved on by
// each pull). The sweep (every 60 s, every instance) enqueues each due one with the key
// `${integrationId}:${due}`; the job claims it by moving next_pull_at forward only while it is
// still `due` (pulls.sql.ts), so a due pull runs once however many sweeps saw it. A pull that fails
// (fetch, parse, a refused full sync) is recorded as its sync and not retried: the next interval
// pulls again. A crash after the claim loses that one pull, not the schedule.

export const INTEGRATION_PULL_JOB = 'integration-pull';
const SWEEP_BATCH = 500;

export type IntegrationPullData = { teamId: string; integrationId: string; due: string };

export function createIntegrationPullJob(options: { allowlist?: OutboundAllowlist } = {}): JobDefinition<IntegrationPullData> {
  return {
    name: INTEGRATION_PULL_JOB,
    retryLimit: 2,
    // One fetch (30 s at most) and one sync of at most 1,000 items.
    expireInSeconds: 10 * 60,
    concurrency: 2,
    async run({ teamId, integrationId, due }) {
      const db = getDb();
      const [claimed] = await runSql(db, claimPullSql(teamId, integrationId, new Date(due)), claimedPullRow);
      if (!claimed) return; // pulled already, disabled, changed or deleted since the sweep
      const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true, slug: true, name: true } });
      if (!team) return;
      try {
        const integration = await findIntegrationOrThrow(db, teamId, claimed.identifier);
        await runIntegrationPull(db, team, integration, { actor: { type: 'schedule' }, allowlist: options.allowlist });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        // Recorded as the integration's sync (pull_failed, a refused full sync...): nothing to retry.
        log().info({ teamId, integrationId, reason: reasonOf(error) }, 'scheduled pull failed');
      }
    },
    async sweep() {
      for (const due of await runSql(getDb(), duePullsSql(SWEEP_BATCH), duePullRow)) {
        const at = due.next_pull_at.toISOString();
        await enqueueJob(
          INTEGRATION_PULL_JOB,
          { teamId: due.team_id, integrationId: due.id, due: at },
          { singletonKey: `${due.id}:${at}` },
        );
      }
    },
  };
}

export const integrationPullJob = createIntegrationPullJob();
