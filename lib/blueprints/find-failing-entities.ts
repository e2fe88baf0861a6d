import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Prisma } from '@/lib/generated/prisma/client';
import { runSql } from '@/lib/db/run-sql';
import { entityBatchRow, entityBatchSql, type EntityBatchRow } from './blueprint-entities.sql';
import { humaniseError } from '@/lib/validation/humanise-ajv-error';

// Before a blueprint's schema changes, its existing entities are checked against the new schema,
// inside the transaction that saves it. The walk streams: batches of 1000 by keyset over
// idx_entities_list, never the whole set in memory, and it stops counting at 10,000 failures
// (enough to say "10,000+" without reading a huge catalog to the end).

export const BATCH_SIZE = 1000;
export const MAX_COUNTED_FAILURES = 10_000;
export const SAMPLE_SIZE = 5;

export type FailingSample = { identifier: string; errors: Array<{ path: string; message: string }> };
export type FailingEntities = { failing_count: number; failing_count_is_lower_bound: boolean; sample: FailingSample[] };

function errorsOf(errors: ErrorObject[] | null | undefined): FailingSample['errors'] {
  return (errors ?? []).slice(0, 20).map((e) => ({
    path: `/data${e.instancePath}${e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : ''}`,
    message: humaniseError(e),
  }));
}

export async function findFailingEntities(
  tx: Prisma.TransactionClient,
  scope: { teamId: string; blueprintId: string },
  validate: ValidateFunction,
  limits = { batchSize: BATCH_SIZE, maxFailures: MAX_COUNTED_FAILURES },
): Promise<FailingEntities> {
  const sample: FailingSample[] = [];
  let failing = 0;
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const rows: EntityBatchRow[] = await runSql(
      tx,
      entityBatchSql(scope.teamId, scope.blueprintId, after, limits.batchSize),
      entityBatchRow,
    );
    for (const row of rows) {
      if (validate(row.data)) continue;
      failing += 1;
      if (sample.length < SAMPLE_SIZE) sample.push({ identifier: row.identifier, errors: errorsOf(validate.errors) });
      if (failing >= limits.maxFailures) return { failing_count: failing, failing_count_is_lower_bound: true, sample };
    }
    if (rows.length < limits.batchSize) return { failing_count: failing, failing_count_is_lower_bound: false, sample };
    const last = rows[rows.length - 1];
    after = { at: last.created_at, id: last.id };
  }
}
