import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { retryOnConflict } from '@/lib/db/retry-transaction';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { diffEntity } from '@/lib/ingest/compare-entity';
import { loadLinkViews, relationDefsOf } from '@/lib/relations/entity-links';
import { upsertEntityItems } from './bulk-upsert-entities';
import { checkTargetLists, wantedRelations } from './bulk-edit-relations';
import { MAX_BULK_EDIT, type BulkPatch } from './bulk-edit-schemas';
import type { EntityRecord } from './entity-view';
import { lockBlueprintOrThrow } from './load-blueprint';
import { decodeLockedEntity, lockEntitiesSql } from './lock-entities.sql';
import { applyMergePatch, type Json } from './merge-patch';

// Bulk patch (API.md "Entities"): one merge patch applied to each named entity exactly as PATCH
// .../{identifier} applies it, then written through upsertEntityItems, the one write path of
// entities (validation against the blueprint, links, scorecards, audit, events), all in ONE
// transaction. The entities are read once and locked, so the patch applies to what is written
// over. An entity the patch leaves as it is writes nothing (no version, audit row or event).

type ItemError = { code: string; message: string; details?: unknown };
export type BulkEditResult =
  | { index: number; identifier: string; status: 'updated' | 'unchanged' | 'deleted' }
  | { index: number; identifier: string; status: 'error'; error: ItemError };

/** The rows of `identifiers` in the blueprint, locked; repeats and unknown ones become per-item errors. */
export async function lockNamedEntities(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  identifiers: string[],
): Promise<{ found: Array<{ index: number; record: EntityRecord }>; errors: BulkEditResult[] }> {
  if (identifiers.length < 1 || identifiers.length > MAX_BULK_EDIT) {
    throw new AppError('bad_request', `identifiers must hold 1 to ${MAX_BULK_EDIT} items, got ${identifiers.length}`);
  }
  const rows = await runSql(tx, lockEntitiesSql({ teamId: ctx.team.id, blueprintId }, identifiers), decodeLockedEntity(blueprintId));
  const byIdentifier = new Map(rows.map((r) => [r.identifier, r]));
  const first = new Map<string, number>();
  const found: Array<{ index: number; record: EntityRecord }> = [];
  const errors: BulkEditResult[] = [];
  identifiers.forEach((identifier, index) => {
    const seen = first.get(identifier);
    const record = byIdentifier.get(identifier);
    if (seen !== undefined) {
      errors.push(itemError(index, identifier, 'conflict', `identifier "${identifier}" already appears at index ${seen} of this batch`));
    } else if (!record) {
      errors.push(itemError(index, identifier, 'not_found', `entity "${identifier}" not found in blueprint "${blueprintId}"`));
    } else {
      first.set(identifier, index);
      found.push({ index, record });
    }
  });
  return { found, errors };
}

const itemError = (index: number, identifier: string, code: string, message: string, details?: unknown): BulkEditResult => ({
  index,
  identifier,
  status: 'error',
  error: { code, message, ...(details !== undefined && { details }) },
});

export async function bulkPatchEntities(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifiers: string[],
  patch: BulkPatch,
): Promise<{ allSucceeded: boolean; results: BulkEditResult[] }> {
  requirePermission(ctx, 'entity:write');
  return retryOnConflict(() =>
    db.$transaction(
      async (tx) => {
        await lockBlueprintOrThrow(tx, ctx, blueprintId);
        const defs = await relationDefsOf(tx, ctx, blueprintId);
        checkTargetLists(patch, defs);
        const { found, errors } = await lockNamedEntities(tx, ctx, blueprintId, identifiers);
        const touchesLinks = patch.relations !== undefined || patch.relations_add !== undefined || patch.relations_remove !== undefined;
        const links = touchesLinks
          ? await loadLinkViews(
              tx,
              ctx.team.id,
              found.map((f) => f.record.id),
            )
          : new Map();
        // The merge patch of title and data (the links are merged apart, in wantedRelations).
        const rest = {
          ...(patch.title !== undefined && { title: patch.title }),
          ...(patch.data !== undefined && { data: patch.data }),
        };
        const results: BulkEditResult[] = [...errors];
        const items: Array<{ index: number; item: Record<string, unknown> }> = [];
        for (const { index, record } of found) {
          const current = links.get(record.id) ?? {};
          const merged = applyMergePatch({ title: record.title, data: record.data as Json }, rest as Json) as {
            title?: string | null;
            data?: Record<string, unknown>;
          };
          const next = { title: merged.title ?? null, data: merged.data ?? {} };
          const wanted = wantedRelations(current, patch, defs);
          const change = diffEntity(
            { title: record.title, data: record.data, relations: current },
            {
              index,
              blueprint: blueprintId,
              identifier: record.identifier,
              title: next.title,
              properties: next.data,
              ...(wanted !== null && { relations: wanted as Record<string, string | string[] | null> }),
            },
          );
          if (change === null) results.push({ index, identifier: record.identifier, status: 'unchanged' });
          else
            items.push({
              index,
              item: { identifier: record.identifier, title: next.title, data: next.data, ...(wanted && { relations: wanted }) },
            });
        }
        if (items.length) {
          const written = await upsertEntityItems(
            tx,
            ctx,
            blueprintId,
            items.map((i) => i.item),
          );
          written.forEach((w, i) => {
            const { index, item } = items[i];
            const identifier = item.identifier as string;
            results.push(w.status === 'error' ? { ...w, index, identifier } : { index, identifier, status: 'updated' });
          });
        }
        results.sort((a, b) => a.index - b.index);
        return { allSucceeded: results.every((r) => r.status !== 'error'), results };
      },
      { timeout: 60_000, maxWait: 10_000 },
    ),
  );
}
