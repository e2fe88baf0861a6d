import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { retryOnConflict } from '@/lib/db/retry-transaction';
import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { validateBody } from '@/lib/http/request-body';
import { linksViewOf, prepareLinks, relationDefsOf, writeLinks } from '@/lib/relations/entity-links';
import { knownGroups, ownerFaults } from '@/lib/groups/check-owners';
import { entityFaults } from './check-entity-input';
import { lockBlueprintOrThrow } from './load-blueprint';
import { createEntityBody, type CreateEntityInput } from './schemas';
import { existingIdRow, existingIdsSql, type UpsertRow } from './upsert-entities.sql';
import { writeUpsertKeys } from './write-upserts';
import { planRescore, rescoreEntities } from '@/lib/scorecards/evaluate/rescore-entities';

// Bulk upsert (API.md): every item is validated first (shape, identifier, title, data against the
// blueprint), then ALL the valid ones are written in ONE statement with their audit rows in ONE
// transaction. A bad item fails alone: it never blocks or half-writes the good ones. Within a
// batch an identifier counts once: later repeats are errors (the first one wins).

export const MAX_BULK_ITEMS = 1000;

type ItemError = { code: string; message: string; details?: unknown };
export type BulkResult =
  | { index: number; identifier: string | null; status: 'created' | 'updated'; id: string }
  | { index: number; identifier: string | null; status: 'error'; error: ItemError };

function identifierOf(item: unknown): string | null {
  const value = (item as { identifier?: unknown } | null)?.identifier;
  return typeof value === 'string' ? value : null;
}

function checkItem(item: unknown, check: (input: CreateEntityInput) => void): CreateEntityInput | ItemError {
  try {
    const input = validateBody(createEntityBody, item);
    check(input);
    return input;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, message: e.message, ...(e.details !== undefined && { details: e.details }) };
  }
}

async function existingIds(
  tx: Prisma.TransactionClient,
  teamId: string,
  blueprintId: string,
  identifiers: string[],
): Promise<Map<string, string>> {
  if (identifiers.length === 0) return new Map();
  const rows = await runSql(tx, existingIdsSql({ teamId, blueprintId }, identifiers), existingIdRow);
  return new Map(rows.map((r) => [r.identifier, r.id]));
}

export async function bulkUpsertEntities(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  items: unknown[],
): Promise<{ allSucceeded: boolean; results: BulkResult[] }> {
  requirePermission(ctx, 'entity:write');
  if (items.length < 1 || items.length > MAX_BULK_ITEMS) {
    throw new AppError('bad_request', `entities must hold 1 to ${MAX_BULK_ITEMS} items, got ${items.length}`);
  }
  // Validated inside the transaction, against the blueprint read FOR SHARE (load-blueprint.ts).
  // Overlapping batches write their rows in identifier order (write-upserts.ts), so they queue
  // behind one another instead of deadlocking; what PostgreSQL still aborts (40P01, 40001) is retried.
  return retryOnConflict(() =>
    db.$transaction(
      async (tx) => {
        const results = await upsertEntityItems(tx, ctx, blueprintId, items);
        return { allSucceeded: results.every((r) => r.status !== 'error'), results };
      },
      { timeout: 60_000, maxWait: 10_000 },
    ),
  );
}

/**
 * The body of a bulk upsert inside the caller's transaction (the integrations' sync engine,
 * lib/ingest, writes its changed entities through it, so validation, links, scorecards, audit and
 * events stay one code path). `integrationId` marks the rows as that integration's.
 */
export async function upsertEntityItems(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  items: unknown[],
  options: { integrationId?: string | null } = {},
): Promise<BulkResult[]> {
  requirePermission(ctx, 'entity:write');
  const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
  const results: BulkResult[] = new Array(items.length);
  const firstIndex = new Map<string, number>();
  const valid: Array<{ index: number; input: CreateEntityInput }> = [];
  items.forEach((item, index) => {
    const checked = checkItem(item, (input) => {
      const faults = entityFaults(blueprint, input);
      if (faults.length) throw new AppError('validation_failed', 'the entity is not valid', faults);
      const seen = firstIndex.get(input.identifier);
      if (seen !== undefined)
        throw new AppError('conflict', `identifier "${input.identifier}" already appears at index ${seen} of this batch`);
    });
    if ('code' in checked) {
      results[index] = { index, identifier: identifierOf(item), status: 'error', error: checked };
      return;
    }
    firstIndex.set(checked.identifier, index);
    valid.push({ index, input: checked });
  });
  // Links: checked for the whole batch at once (one lookup of the existing entities, one of
  // the targets); an item whose links fail is an error like any other and writes nothing.
  const defs = await relationDefsOf(tx, ctx, blueprintId);
  const existing = await existingIds(
    tx,
    ctx.team.id,
    blueprintId,
    valid.map((v) => v.input.identifier),
  );
  // Owners: every item's checked with one query for the whole batch.
  const groups = await knownGroups(
    tx,
    ctx.team.id,
    valid.map((v) => v.input.owners),
  );
  const prepared = await prepareLinks(
    tx,
    ctx,
    defs,
    valid.map(({ input }) => {
      const existingId = existing.get(input.identifier) ?? null;
      const relations = input.relations ?? (existingId ? null : {});
      return { relations, requireAll: relations !== null, existingId };
    }),
  );
  const rows: UpsertRow[] = [];
  const linksOf = new Map<string, NonNullable<(typeof prepared)[number]['links']>>();
  valid.forEach(({ index, input }, i) => {
    const faults = [...prepared[i].faults, ...ownerFaults(input.owners, groups)];
    const { links } = prepared[i];
    if (faults.length) {
      firstIndex.delete(input.identifier);
      results[index] = {
        index,
        identifier: input.identifier,
        status: 'error',
        error: { code: 'validation_failed', message: 'the entity is not valid', details: faults },
      };
      return;
    }
    if (links) linksOf.set(input.identifier, links);
    rows.push({
      identifier: input.identifier,
      title: input.title ?? null,
      data: input.data,
      ...(input.owners !== undefined && { owners: input.owners }),
      ...(links && { relations: linksViewOf(input.relations ?? {}, defs) }),
    });
  });
  const rescore = await planRescore(tx, ctx, blueprintId, [...existing.values()]);
  const written = await writeUpsertKeys(tx, ctx, blueprintId, rows, options);
  await writeLinks(
    tx,
    ctx,
    written.flatMap((w) => (linksOf.has(w.identifier) ? [{ sourceId: w.id, links: linksOf.get(w.identifier) ?? [] }] : [])),
  );
  await rescoreEntities(
    tx,
    ctx,
    rescore,
    written.map((w) => ({ id: w.id, cause: w.created ? 'entity_created' : 'entity_updated' })),
  );
  for (const w of written) {
    const index = firstIndex.get(w.identifier) as number;
    results[index] = { index, identifier: w.identifier, status: w.created ? 'created' : 'updated', id: w.id };
  }
  return results;
}
