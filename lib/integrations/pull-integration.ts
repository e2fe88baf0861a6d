import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { SecretBoxError } from '@/lib/crypto/secret-box';
import type { Db } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { env } from '@/lib/env';
import { AppError, reasonOf } from '@/lib/errors';
import { MAX_IMPORT_BYTES } from '@/lib/import/import-limits';
import { originOf } from '@/lib/net/check-outbound-url';
import { guardedFetch } from '@/lib/net/guarded-fetch';
import { OutboundError } from '@/lib/net/outbound-errors';
import type { OutboundAllowlist } from '@/lib/net/outbound-allowlist';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { PULL_LIMITS } from './integration-limits';
import { findIntegrationOrThrow, type IntegrationWithMappings } from './load-integration';
import { parsePullBody } from './parse-pull-body';
import { openPullHeaders, type PullSettings } from './pull-settings';
import { reschedulePullSql } from './pulls.sql';
import { recordSync, runIntegrationSync, syncActorOf, type SyncActor, type SyncAnswer } from './sync-integration';

// An http-pull: GET the integration's URL through the outbound guard (lib/net: private addresses
// refused after DNS and at every redirect, a time limit, at most MAX_IMPORT_BYTES kept), parse the
// body as an import file would be, and sync the items like a webhook call (runIntegrationSync,
// source 'pull'). A fetch or parse failure is a sync of its own: a row in integration_syncs with
// the error (and the integration's last_sync_error), then 409 `pull_failed` to a person who asked.

export type PullOptions = {
  actor: SyncActor;
  dryRun?: boolean;
  force?: boolean;
  requestId?: string;
  /** Tests pass their loopback allowlist; the server uses BASEPLATE_OUTBOUND_ALLOW. */
  allowlist?: OutboundAllowlist;
};

/** A failure to get items: `cause` is machine-readable, the message safe to show (no path, header or body). */
class PullFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

async function fetchItems(integrationId: string, settings: PullSettings, sealedHeaders: string | null, allowlist: OutboundAllowlist) {
  let headers: Map<string, string>;
  try {
    headers = openPullHeaders(integrationId, sealedHeaders);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new PullFailure(
      'headers_unreadable',
      'the stored header values cannot be opened (was BASEPLATE_SECRET_KEY changed?): save them again',
    );
  }
  const origin = URL.canParse(settings.url) ? originOf(new URL(settings.url)) : 'the URL';
  let response;
  try {
    response = await guardedFetch(settings.url, {
      method: 'GET',
      headers: [['accept', 'application/json, application/x-ndjson, application/yaml, text/csv;q=0.9, */*;q=0.5'], ...headers],
      timeoutMs: PULL_LIMITS.fetchTimeoutMs,
      maxResponseBytes: MAX_IMPORT_BYTES,
      allowlist,
    });
  } catch (error) {
    if (error instanceof OutboundError) throw new PullFailure(error.reason, `the pull was not answered: ${error.message}`);
    throw error;
  }
  if (response.status < 200 || response.status > 299) {
    throw new PullFailure('status', `GET ${origin} answered ${response.status}: a pull needs a 2xx answer`);
  }
  if (response.truncated) {
    throw new PullFailure(
      'too_large',
      `GET ${origin} answered more than ${MAX_IMPORT_BYTES} bytes (MAX_IMPORT_BYTES): a pull reads at most that`,
    );
  }
  try {
    return parsePullBody(response.body, response.headers['content-type'], response.url);
  } catch (error) {
    if (error instanceof AppError)
      throw new PullFailure(reasonOf(error) ?? 'invalid_body', `the answer of ${origin} cannot be read: ${error.message}`);
    throw error;
  }
}

/**
 * Pulls the integration now and syncs what came, for a caller that already decided it may (the
 * pull-now route after integration:write, the scheduled job). Throws AppError: 409 `not_pullable`,
 * `disabled`, `pull_failed` (recorded), or the sync's own refusals (recorded by it).
 */
export async function runIntegrationPull(
  db: Db,
  team: TeamSummary,
  integration: IntegrationWithMappings,
  options: PullOptions,
): Promise<SyncAnswer> {
  const { row } = integration;
  if (row.kind !== 'http-pull') {
    throw new AppError('conflict', `integration "${row.identifier}" is a ${row.kind} integration: only an http-pull one pulls`, {
      reason: 'not_pullable',
    });
  }
  if (!row.enabled)
    throw new AppError('conflict', `integration "${row.identifier}" is disabled: enable it to pull`, { reason: 'disabled' });
  const settings = row.settings as PullSettings;
  const started = new Date();
  let items: unknown[];
  try {
    items = await fetchItems(row.id, settings, row.pullHeaders ?? null, options.allowlist ?? env().outboundAllow);
  } catch (error) {
    if (!(error instanceof PullFailure)) throw error;
    const syncId = await recordSync(db, team.id, row.id, {
      mode: settings.mode ?? 'delta',
      dryRun: options.dryRun ?? false,
      source: 'pull',
      actor: options.actor,
      started,
      counts: { received: 0, created: 0, updated: 0, unchanged: 0, deleted: 0, failed: 0, skipped: 0 },
      failures: [],
      error: error.message.slice(0, 2000),
    });
    throw new AppError('conflict', error.message, { reason: 'pull_failed', cause: error.reason, sync_id: syncId });
  }
  return runIntegrationSync(
    db,
    team,
    integration,
    { items, mode: settings.mode, dry_run: options.dryRun, force: options.force },
    { actor: options.actor, source: 'pull', requestId: options.requestId },
  );
}

/** POST .../integrations/{integration}/pull: a person or a key with integration:write pulls now. */
export async function pullIntegration(
  db: Db,
  ctx: TeamContext,
  identifier: string,
  options: { dryRun?: boolean; force?: boolean; allowlist?: OutboundAllowlist } = {},
): Promise<SyncAnswer> {
  requirePermission(ctx, 'integration:write');
  const integration = await findIntegrationOrThrow(db, ctx.team.id, identifier);
  try {
    return await runIntegrationPull(db, ctx.team, integration, {
      ...options,
      actor: syncActorOf(ctx, 'schedule'),
      requestId: ctx.requestId,
    });
  } finally {
    // A real pull (answered or failed) counts as the last pull: the schedule waits an interval from it.
    if (!options.dryRun && integration.row.kind === 'http-pull') await execSql(db, reschedulePullSql(ctx.team.id, integration.row.id));
  }
}
