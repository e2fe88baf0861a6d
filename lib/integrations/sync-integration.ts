import type { TeamContext } from '@/lib/authz/team-context';
import { requirePermission } from '@/lib/authz/team-context';
import { systemContext } from '@/lib/authz/system-context';
import type { Db } from '@/lib/db/prisma';
import { prismaJson } from '@/lib/entities/prisma-json';
import { AppError } from '@/lib/errors';
import { applyEntityRecords } from '@/lib/ingest/apply-entity-records';
import type { ApplyResult } from '@/lib/ingest/mapped-entity';
import { mapItems } from '@/lib/ingest/map-items';
import { mapImportItems } from '@/lib/import/map-import-items';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { compileMappings } from './compile-mappings';
import { INTEGRATION_LIMITS, type SyncMode } from './integration-limits';
import type { SyncCounts } from './integration-view';
import { findIntegrationOrThrow, type IntegrationWithMappings } from './load-integration';
import { mappingOf } from './integration-view';

// A sync: items through the integration's mappings (lib/ingest/map-items.ts), then applied as the
// integration (systemContext on its behalf: the audit rows and catalog events name it) by the
// engine (lib/ingest/apply-entity-records.ts). Every sync, dry runs and refusals included, leaves
// a row in integration_syncs; a real one also updates the integration's last sync.

export type SyncRequest = { items: unknown[]; mode?: SyncMode; dry_run?: boolean; force?: boolean };
export type SyncAnswer = ApplyResult & { skipped: number; sync_id: string };
/** Who asked, for the sync's row: a person, a key, a webhook call (authenticated by the secret),
 * or the schedule of an http-pull integration. */
export type SyncActor = { type: 'user' | 'api_key'; id: string } | { type: 'webhook' } | { type: 'schedule' };
export type SyncSource = 'sync' | 'webhook' | 'pull';

/** What the integration's entity writes may do: never more (a full sync deletes). */
const INTEGRATION_PERMISSIONS = ['entity:read', 'entity:write', 'entity:delete'] as const;

export function checkItemCount(items: unknown[]): void {
  if (items.length > INTEGRATION_LIMITS.maxItems) {
    throw new AppError('payload_too_large', `at most ${INTEGRATION_LIMITS.maxItems} items in one call (maxItems), got ${items.length}`, {
      reason: 'too_many_items',
      limit: INTEGRATION_LIMITS.maxItems,
    });
  }
}

export type SyncRecord = {
  mode: SyncMode;
  dryRun: boolean;
  source: SyncSource;
  actor: SyncActor;
  started: Date;
  counts: SyncCounts;
  failures: ApplyResult['failed'];
  error: string | null;
};

/** A sync's row in integration_syncs (its first failures kept) and, unless a dry run, the integration's last sync. */
export async function recordSync(db: Db, teamId: string, integrationId: string, sync: SyncRecord): Promise<string> {
  const { id } = await db.integrationSync.create({
    data: {
      teamId,
      integrationId,
      mode: sync.mode,
      dryRun: sync.dryRun,
      source: sync.source,
      startedAt: sync.started,
      finishedAt: new Date(),
      counts: prismaJson(sync.counts),
      failures: prismaJson(sync.failures.slice(0, INTEGRATION_LIMITS.maxFailuresKept)),
      error: sync.error,
      actor: prismaJson(sync.actor),
    },
    select: { id: true },
  });
  if (!sync.dryRun) {
    await db.integration.update({
      where: { teamId_id: { teamId, id: integrationId } },
      data: { lastSyncAt: new Date(), lastSyncCounts: prismaJson(sync.counts), lastSyncError: sync.error },
    });
  }
  return id;
}

/**
 * The sync itself, for a caller that has already decided who may run it: POST .../sync (after
 * integration:write) and the webhook route (after the secret). Not an entry point of its own.
 */
export async function runIntegrationSync(
  db: Db,
  team: TeamSummary,
  integration: IntegrationWithMappings,
  request: SyncRequest,
  meta: { actor: SyncActor; source: SyncSource; requestId?: string },
): Promise<SyncAnswer> {
  const { row } = integration;
  if (!row.enabled) {
    throw new AppError('conflict', `integration "${row.identifier}" is disabled: enable it to sync`, { reason: 'disabled' });
  }
  checkItemCount(request.items);
  const mode = request.mode ?? 'delta';
  const dryRun = request.dry_run ?? false;
  const started = new Date();
  const record = (counts: SyncCounts, failures: ApplyResult['failed'], error: string | null) =>
    recordSync(db, team.id, row.id, { mode, dryRun, source: meta.source, actor: meta.actor, started, counts, failures, error });
  const mapped = await mapWithIntegration(integration, request.items);
  // An item whose mapping failed names no entity: a full sync would delete its entity as "not
  // sent". So a full sync with such failures is refused, with the numbers, unless forced.
  if (mode === 'full' && mapped.failures.length && !request.force) {
    const error = new AppError(
      'conflict',
      `${mapped.failures.length} item(s) could not be mapped, so this full sync cannot tell which entities were not sent: fix them, or send force=true`,
      { reason: 'incomplete_full_sync', failed: mapped.failures.slice(0, INTEGRATION_LIMITS.maxFailuresKept) },
    );
    await record(
      {
        received: request.items.length,
        created: 0,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        skipped: mapped.skipped,
        failed: mapped.failures.length,
      },
      mapped.failures,
      error.message,
    );
    throw error;
  }
  const ctx = systemContext(team, {
    on_behalf: { type: 'integration', id: row.id },
    permissions: INTEGRATION_PERMISSIONS,
    requestId: meta.requestId,
  });
  const zero = { received: request.items.length, created: 0, updated: 0, unchanged: 0, deleted: 0, skipped: mapped.skipped };
  let applied: ApplyResult;
  try {
    applied = await applyEntityRecords(
      db,
      ctx,
      { id: row.id, identifier: row.identifier, deletionThreshold: row.deletionThreshold },
      mapped.records,
      { mode, dryRun, force: request.force ?? false },
    );
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      await record({ ...zero, failed: mapped.failures.length }, mapped.failures, error.message.slice(0, 2000));
    }
    throw error;
  }
  const failed = [...mapped.failures, ...applied.failed].sort((a, b) => a.index - b.index);
  const counts: SyncCounts = { ...zero, ...pick(applied), failed: failed.length };
  const syncId = await record(counts, failed, null);
  return { ...applied, failed, skipped: mapped.skipped, sync_id: syncId };
}

/**
 * Items -> records: through the integration's mappings, or, for an integration without any, as an
 * import reads a file (Baseplate's export items, or a Backstage catalog whose blueprints the team
 * already has: an integration creates no blueprints; the first import of the file does).
 */
async function mapWithIntegration(integration: IntegrationWithMappings, items: unknown[]) {
  if (integration.mappings.length) return mapItems(compileMappings(integration.mappings.map(mappingOf)), items);
  const { records, failed, skipped } = mapImportItems(items);
  return { records, failures: failed, skipped };
}

const pick = ({ created, updated, unchanged, deleted }: ApplyResult) => ({ created, updated, unchanged, deleted });

/** POST .../integrations/{integration}/sync: items sent by a person or a key with integration:write. */
export async function syncIntegration(db: Db, ctx: TeamContext, identifier: string, request: SyncRequest): Promise<SyncAnswer> {
  requirePermission(ctx, 'integration:write');
  const integration = await findIntegrationOrThrow(db, ctx.team.id, identifier);
  return runIntegrationSync(db, ctx.team, integration, request, {
    actor: syncActorOf(ctx, 'webhook'),
    source: 'sync',
    requestId: ctx.requestId,
  });
}

/** Who a sync row names for a call in `ctx`: the person, the key, or (the system) `otherwise`. */
export function syncActorOf(ctx: TeamContext, otherwise: 'webhook' | 'schedule'): SyncActor {
  if (ctx.actor.kind === 'user') return { type: 'user', id: ctx.actor.userId };
  if (ctx.actor.kind === 'api_key') return { type: 'api_key', id: ctx.actor.keyId };
  return { type: otherwise };
}
