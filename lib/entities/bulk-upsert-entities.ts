import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { validateBody } from '@/lib/http/request-body';
import { entityFaults } from './check-entity-input';
import { lockBlueprintOrThrow } from './load-blueprint';
import { createEntityBody, type CreateEntityInput } from './schemas';
import type { UpsertRow } from './upsert-entities.sql';
import { writeUpserts } from './write-upserts';

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

export async function bulkUpsertEntities(db: Db, ctx: TeamContext, blueprintId: string, items: unknown[]): Promise<{ allSucceeded: boolean; results: BulkResult[] }> {
  if (items.length < 1 || items.length > MAX_BULK_ITEMS) {
    throw new AppError('bad_request', `entities must hold 1 to ${MAX_BULK_ITEMS} items, got ${items.length}`);
  }
  // Validated inside the transaction, against the blueprint read FOR SHARE (load-blueprint.ts).
  return db.$transaction(
    async (tx) => {
      const blueprint = await lockBlueprintOrThrow(tx, ctx, blueprintId);
      const results: BulkResult[] = new Array(items.length);
      const firstIndex = new Map<string, number>();
      const rows: UpsertRow[] = [];
      items.forEach((item, index) => {
        const checked = checkItem(item, (input) => {
          const faults = entityFaults(blueprint, input);
          if (faults.length) throw new AppError('validation_failed', 'the entity is not valid', faults);
          const seen = firstIndex.get(input.identifier);
          if (seen !== undefined) throw new AppError('conflict', `identifier "${input.identifier}" already appears at index ${seen} of this batch`);
        });
        if ('code' in checked) {
          results[index] = { index, identifier: identifierOf(item), status: 'error', error: checked };
          return;
        }
        firstIndex.set(checked.identifier, index);
        rows.push({ identifier: checked.identifier, title: checked.title ?? null, data: checked.data });
      });
      for (const w of await writeUpserts(tx, ctx, blueprintId, rows)) {
        const index = firstIndex.get(w.identifier) as number;
        results[index] = { index, identifier: w.identifier, status: w.created ? 'created' : 'updated', id: w.id };
      }
      return { allSucceeded: results.every((r) => r.status !== 'error'), results };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
