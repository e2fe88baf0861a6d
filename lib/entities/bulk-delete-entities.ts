import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { retryOnConflict } from '@/lib/db/retry-transaction';
import { lockNamedEntities, type BulkEditResult } from './bulk-patch-entities';
import { deleteEntityRow } from './delete-entity';
import { lockBlueprintOrThrow } from './load-blueprint';

// Bulk delete (API.md "Entities"): each named entity goes through deleteEntityRow, the one
// delete path (its links' events, scorecard departures, the audit row, the event), all in ONE
// transaction. The rows are locked as they are read, so each is deleted at the version read; an
// unknown identifier is a per-item not_found and does not stop the others.

export async function bulkDeleteEntities(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifiers: string[],
): Promise<{ allSucceeded: boolean; results: BulkEditResult[] }> {
  requirePermission(ctx, 'entity:delete');
  return retryOnConflict(() =>
    db.$transaction(
      async (tx) => {
        await lockBlueprintOrThrow(tx, ctx, blueprintId);
        const { found, errors } = await lockNamedEntities(tx, ctx, blueprintId, identifiers);
        const results: BulkEditResult[] = [...errors];
        for (const { index, record } of found) {
          await deleteEntityRow(tx, ctx, blueprintId, record, record.version);
          results.push({ index, identifier: record.identifier, status: 'deleted' });
        }
        results.sort((a, b) => a.index - b.index);
        return { allSucceeded: results.every((r) => r.status !== 'error'), results };
      },
      { timeout: 60_000, maxWait: 10_000 },
    ),
  );
}
