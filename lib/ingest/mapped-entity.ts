// The shared shape every ingestion path produces before anything is written: the integrations'
// mappings (lib/ingest/map-items.ts), Backstage catalog-info.yaml and file imports all turn their
// input into MappedEntity records, and applyEntityRecords (apply-entity-records.ts) applies them.
// Isomorphic: no server import.

export type MappedEntity = {
  /** The index of the input item it came from (several records may share one: items_to_parse). */
  index: number;
  blueprint: string;
  identifier: string;
  title?: string | null;
  /** The entity's data, replaced as a whole (as a bulk upsert does). */
  properties: Record<string, unknown>;
  /** Absent: the entity's links are left as they are; present: they become these. */
  relations?: Record<string, string | string[] | null>;
  /** Absent: the entity's owners are left as they are; present: they become these groups (lib/groups). */
  owners?: string[];
};

/** One item that could not be applied; it never blocks the others. */
export type ItemFailure = { index: number; identifier?: string; path?: string; message: string };

export type EntityChange = {
  op: 'create' | 'update' | 'delete';
  blueprint: string;
  identifier: string;
  /** update: each changed field, before and after. */
  diff?: Record<string, { from: unknown; to: unknown }>;
};

export type ApplyOptions = { mode: 'delta' | 'full'; dryRun: boolean; force: boolean };

export type ApplyResult = {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: ItemFailure[];
  /** Only with dryRun: what a real run would do (at most INTEGRATION_LIMITS.maxChangesListed). */
  changes?: EntityChange[];
};
