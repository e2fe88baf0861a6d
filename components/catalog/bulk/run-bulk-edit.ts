import type { SearchBody } from '@/lib/catalog-view/search-body';
import type { BulkEditResult } from '@/lib/entities/bulk-patch-entities';
import type { BulkPatch } from '@/lib/entities/bulk-edit-schemas';
import { api } from '@/lib/web/api-client';
import { sentence } from '@/components/ui/format';

// Runs a bulk edit from the catalog: the identifiers (picked, or every entity matching the view's
// query, collected page by page through the search route's keyset cursor), then the bulk-patch
// or bulk-delete route in batches of BATCH, reporting progress after each call. All matching
// identifiers are collected before the first write: a patch of the property the view sorts or
// filters by would otherwise move entities across the cursor (skipped or seen twice).

export const BATCH = 250;
/** The most "all matching" may act on: past it the person narrows the query first. */
export const MAX_BULK_SELECTION = 10_000;
const COLLECT_PAGE = 1000;

export type BulkOperation = { kind: 'patch'; patch: BulkPatch } | { kind: 'delete' };
export type BulkFailure = { identifier: string; message: string };
export type BulkOutcome = { done: number; unchanged: number; failures: BulkFailure[] };
export type BulkProgress = { phase: 'collecting' | 'writing'; done: number; total: number };

type Page = { entities: Array<{ identifier: string }>; next_cursor: string | null; total: number };

/** Every identifier matching `body`'s query and text (sort kept, so the order is the table's). */
export async function collectMatching(
  team: string,
  blueprint: string,
  body: SearchBody,
  total: number,
  onProgress: (p: BulkProgress) => void,
): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await api<Page>(`/teams/${team}/blueprints/${encodeURIComponent(blueprint)}/entities/search`, {
      method: 'POST',
      body: { ...body, limit: COLLECT_PAGE, cursor },
    });
    out.push(...page.entities.map((e) => e.identifier));
    if (out.length > MAX_BULK_SELECTION) throw new Error(tooMany(out.length));
    onProgress({ phase: 'collecting', done: out.length, total: Math.max(total, out.length) });
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

export const tooMany = (n: number) =>
  `${n.toLocaleString('en-US')} entities match: bulk edits act on at most ${MAX_BULK_SELECTION.toLocaleString('en-US')} at once. Narrow the filters first.`;

/** The failure of one item as a sentence for people (the server's message, and its first detail). */
export function failureMessage(error: { code: string; message: string; details?: unknown }): string {
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: string; message?: string }>) : [];
  const first = details.find((d) => d.message && d.path && d.path !== '/data') ?? details[0];
  if (!first?.message) return sentence(error.message);
  const where = first.path ? first.path.replace(/^\/data\//, '').replace(/^\//, '') : '';
  // "The entity is not valid (owner: Required)." The detail is already a sentence (humanised).
  return `${sentence(error.message).replace(/\.$/, '')} (${where ? `${where}: ` : ''}${first.message.replace(/\.$/, '')}).`;
}

export async function runBulkEdit(
  team: string,
  blueprint: string,
  identifiers: string[],
  operation: BulkOperation,
  onProgress: (p: BulkProgress) => void,
  /** Filled as the batches answer: what was done stays known if a later batch fails whole. */
  outcome: BulkOutcome = { done: 0, unchanged: 0, failures: [] },
): Promise<BulkOutcome> {
  const path = `/teams/${team}/blueprints/${encodeURIComponent(blueprint)}/entities/${operation.kind === 'patch' ? 'bulk-patch' : 'bulk-delete'}`;
  onProgress({ phase: 'writing', done: 0, total: identifiers.length });
  for (let start = 0; start < identifiers.length; start += BATCH) {
    const batch = identifiers.slice(start, start + BATCH);
    const body = operation.kind === 'patch' ? { identifiers: batch, patch: operation.patch } : { identifiers: batch };
    const { results } = await api<{ results: BulkEditResult[] }>(path, { method: 'POST', body });
    for (const r of results) {
      if (r.status === 'error') outcome.failures.push({ identifier: r.identifier, message: failureMessage(r.error) });
      else if (r.status === 'unchanged') outcome.unchanged += 1;
      else outcome.done += 1;
    }
    onProgress({ phase: 'writing', done: Math.min(start + BATCH, identifiers.length), total: identifiers.length });
  }
  return outcome;
}
