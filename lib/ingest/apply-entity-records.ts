import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { retryOnConflict } from '@/lib/db/retry-transaction';
import { runSql } from '@/lib/db/run-sql';
import type { BulkResult } from '@/lib/entities/bulk-upsert-entities';
import { deleteEntityRow } from '@/lib/entities/delete-entity';
import { ENTITY_SELECT } from '@/lib/entities/get-entity';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { INTEGRATION_LIMITS } from '@/lib/integrations/integration-limits';
import { loadLinkViews } from '@/lib/relations/entity-links';
import { loadRelationDefs } from '@/lib/relations/relation-definitions.sql';
import { diffEntity } from './compare-entity';
import {
  existingEntitiesSql,
  existingEntityRow,
  ownedCountRow,
  ownedCountSql,
  staleEntitiesSql,
  staleEntityRow,
  type EntityKey,
} from './ingest.sql';
import { writeInRounds } from './write-in-rounds';
import type { ApplyOptions, ApplyResult, EntityChange, ItemFailure, MappedEntity } from './mapped-entity';

// The sync engine's write side: mapped entity records applied to the catalog in ONE transaction.
// * Set-based: one statement reads the current rows of every record (all blueprints), one reads
//   their links; a record equal to its entity writes NOTHING (no version, audit row or event).
// * Changed and new records go through the bulk write path (upsertEntityItems: validation, links,
//   scorecards, audit rows and events, one statement per blueprint), so an ingested entity is
//   written exactly as one sent to the bulk API. A record that fails there fails alone. Records
//   that link to new entities of the same call are written after them (write-in-rounds.ts).
// * `full`: the entities this integration wrote earlier and did not send now are deleted (each
//   through deleteEntityRow, as a DELETE would), unless that is more than the integration's
//   deletion_threshold of its entities: then 409 with the numbers, nothing written, unless `force`.
// * `dryRun`: the same work in a transaction that is rolled back: the answer is exactly what a
//   real run would say (validation included), plus `changes`, and nothing is kept.
// The caller passes the context it writes as: for an integration, systemContext on its behalf, so
// the audit rows and events name it.

export type IntegrationTarget = { id: string; identifier: string; deletionThreshold: number };

/** Thrown to roll a dry run back; carries its answer out of the transaction. */
class DryRunDone extends Error {
  constructor(readonly result: ApplyResult) {
    super('dry run');
  }
}

const keyOf = (blueprint: string, identifier: string) => `${blueprint}\u0000${identifier}`;

function failureOf(record: MappedEntity, result: Extract<BulkResult, { status: 'error' }>): ItemFailure {
  const faults = Array.isArray(result.error.details) ? (result.error.details as Array<{ path?: string; message?: string }>) : [];
  const first = faults[0];
  return {
    index: record.index,
    identifier: record.identifier,
    ...(first?.path !== undefined && { path: first.path }),
    message: first?.message
      ? `${result.error.message}: ${faults.map((f) => `${f.path ?? ''} ${f.message ?? ''}`.trim()).join('; ')}`
      : result.error.message,
  };
}

async function applyInTx(
  tx: Prisma.TransactionClient,
  reader: Db | Prisma.TransactionClient,
  ctx: TeamContext,
  integration: IntegrationTarget | null,
  records: MappedEntity[],
  options: ApplyOptions,
  probe = false,
): Promise<ApplyResult | null> {
  const teamId = ctx.team.id;
  const failed: ItemFailure[] = [];
  const changes: EntityChange[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;

  // One record per entity: a later repeat in the same call fails (the first one wins).
  const first = new Map<string, MappedEntity>();
  for (const r of records) {
    const key = keyOf(r.blueprint, r.identifier);
    const seen = first.get(key);
    if (seen)
      failed.push({
        index: r.index,
        identifier: r.identifier,
        message: `entity "${r.identifier}" of "${r.blueprint}" already came from item ${seen.index}`,
      });
    else first.set(key, r);
  }
  const sent: EntityKey[] = [...first.values()].map((r) => ({ blueprint: r.blueprint, identifier: r.identifier }));

  // A full sync decides its deletions before anything is written, so a refusal writes nothing.
  let stale: Array<{ id: string; blueprint_id: string; identifier: string }> = [];
  if (options.mode === 'full' && integration) {
    const [{ owned }] = await runSql(tx, ownedCountSql(teamId, integration.id), ownedCountRow);
    stale = await runSql(tx, staleEntitiesSql(teamId, integration.id, sent), staleEntityRow);
    if (stale.length && stale.length > owned * integration.deletionThreshold && !options.force) {
      throw new AppError(
        'conflict',
        `this full sync would delete ${stale.length} of the ${owned} entities integration "${integration.identifier}" wrote, more than its deletion threshold (${integration.deletionThreshold}): send force=true to delete them anyway`,
        { reason: 'deletion_threshold', would_delete: stale.length, entities: owned, threshold: integration.deletionThreshold },
      );
    }
  }

  const blueprints = [...new Set(sent.map((k) => k.blueprint))];
  const known = new Set(
    (await reader.blueprint.findMany({ where: { teamId, id: { in: blueprints } }, select: { id: true } })).map((b) => b.id),
  );
  const rows = sent.length
    ? await runSql(
        reader,
        existingEntitiesSql(
          teamId,
          sent.filter((k) => known.has(k.blueprint)),
        ),
        existingEntityRow,
      )
    : [];
  const current = new Map(rows.map((row) => [keyOf(row.blueprint_id, row.identifier), row]));
  const withLinks = rows.filter((row) => first.get(keyOf(row.blueprint_id, row.identifier))?.relations !== undefined).map((row) => row.id);
  const links = withLinks.length ? await loadLinkViews(reader, teamId, withLinks) : new Map();

  // What to write, per blueprint, in the order the records came.
  const toWrite = new Map<string, MappedEntity[]>();
  for (const record of first.values()) {
    if (!known.has(record.blueprint)) {
      failed.push({
        index: record.index,
        identifier: record.identifier,
        path: '/blueprint',
        message: `the team has no blueprint "${record.blueprint}"`,
      });
      continue;
    }
    const row = current.get(keyOf(record.blueprint, record.identifier));
    if (row) {
      const diff = diffEntity({ title: row.title, data: row.data, owners: row.owners, relations: links.get(row.id) }, record);
      if (!diff) {
        unchanged++;
        continue;
      }
      if (options.dryRun && changes.length < INTEGRATION_LIMITS.maxChangesListed)
        changes.push({ op: 'update', blueprint: record.blueprint, identifier: record.identifier, diff });
    } else if (options.dryRun && changes.length < INTEGRATION_LIMITS.maxChangesListed) {
      changes.push({ op: 'create', blueprint: record.blueprint, identifier: record.identifier });
    }
    const list = toWrite.get(record.blueprint) ?? [];
    list.push(record);
    toWrite.set(record.blueprint, list);
  }

  if (probe && toWrite.size === 0) {
    failed.sort((a, b) => a.index - b.index);
    return { created: 0, updated: 0, unchanged, deleted: 0, failed, ...(options.dryRun && { changes: [] }) };
  }
  if (probe) return null;

  const refused = new Set<string>();
  const writing = [...toWrite.values()].flat();
  // Only records with links can wait for one another: without any, no definitions are read.
  const defs = writing.some((r) => r.relations) ? await loadRelationDefs(tx, teamId, [...toWrite.keys()]) : [];
  const written = await writeInRounds(tx, ctx, integration?.id ?? null, writing, defs, (key) => !current.has(key));
  for (const record of writing) {
    const result = written.get(record)!;
    if (result.status === 'error') {
      failed.push(failureOf(record, result));
      refused.add(keyOf(record.blueprint, record.identifier));
    } else if (result.status === 'created') created++;
    else updated++;
  }

  let deleted = 0;
  if (stale.length) {
    const entities = await tx.entity.findMany({ where: { teamId, id: { in: stale.map((s) => s.id) } }, select: ENTITY_SELECT });
    for (const entity of entities) {
      await deleteEntityRow(tx, ctx, entity.blueprintId, entity, entity.version);
      deleted++;
      if (options.dryRun && changes.length < INTEGRATION_LIMITS.maxChangesListed)
        changes.push({ op: 'delete', blueprint: entity.blueprintId, identifier: entity.identifier });
    }
  }

  failed.sort((a, b) => a.index - b.index);
  const result: ApplyResult = { created, updated, unchanged, deleted, failed };
  if (options.dryRun) {
    // A change that validation refused is a failure, not a change.
    result.changes = changes.filter((c) => c.op === 'delete' || !refused.has(keyOf(c.blueprint, c.identifier)));
  }
  return result;
}

/**
 * Applies mapped entity records as `ctx` (entity:write; entity:delete for a full sync's
 * deletions). `integration`: the integration they come from (its entities are marked, and a full
 * sync deletes among them); null for an import that belongs to no integration (delta only).
 */
export async function applyEntityRecords(
  db: Db,
  ctx: TeamContext,
  integration: IntegrationTarget | null,
  records: MappedEntity[],
  options: ApplyOptions,
  /** Runs first in the same transaction (an import creates the blueprints its records need). */
  prepare?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<ApplyResult> {
  requirePermission(ctx, 'entity:write');
  if (options.mode === 'full' && !integration) {
    throw new AppError('bad_request', 'a full sync deletes what an integration wrote earlier: it needs an integration');
  }
  if (records.length > INTEGRATION_LIMITS.maxRecords) {
    throw new AppError('payload_too_large', `at most ${INTEGRATION_LIMITS.maxRecords} entities in one call (maxRecords)`, {
      reason: 'too_many_records',
      limit: INTEGRATION_LIMITS.maxRecords,
    });
  }
  // A delta whose records all equal their entities writes nothing: found with plain reads, no
  // transaction at all (the unchanged re-sync is the common case of a periodic source). A record
  // that changed meanwhile is as if this sync came first: nothing was written for it either way.
  if (options.mode === 'delta' && !prepare) {
    // The probe returns before any write, so it is given no transaction.
    const probed = await applyInTx(null as never, db, ctx, integration, records, options, true);
    if (probed) return probed;
  }
  try {
    return await retryOnConflict(() =>
      db.$transaction(
        async (tx) => {
          await prepare?.(tx);
          const result = (await applyInTx(tx, tx, ctx, integration, records, options)) as ApplyResult;
          if (options.dryRun) throw new DryRunDone(result);
          return result;
        },
        { timeout: 60_000, maxWait: 10_000 },
      ),
    );
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}
