import type { ApplyResult } from '@/lib/ingest/mapped-entity';

/** Several calls' answers as one: counts added, each call's failures at its items' offset in the whole. */
export function addUpResults(results: ApplyResult[], offsets: number[]): ApplyResult {
  const total: ApplyResult = { created: 0, updated: 0, unchanged: 0, deleted: 0, failed: [], changes: [] };
  results.forEach((r, i) => {
    total.created += r.created;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    total.deleted += r.deleted;
    total.failed.push(...r.failed.map((f) => ({ ...f, index: f.index + offsets[i] })));
    total.changes!.push(...(r.changes ?? []));
  });
  return total;
}
