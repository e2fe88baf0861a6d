import type { IntegrationKind } from './integration-limits';
import type { MappingInput } from './integration-schemas';

// The API's view of an integration: snake_case, RFC 3339, and no secret (only the create's and
// rotate-secret's answers carry it, once).

export type SyncCounts = {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
  skipped: number;
};

export type IntegrationView = {
  identifier: string;
  title: string;
  kind: IntegrationKind;
  settings: Record<string, unknown>;
  mappings: MappingInput[];
  enabled: boolean;
  deletion_threshold: number;
  last_sync: { at: string; counts: SyncCounts | null; error: string | null } | null;
  /** An enabled http-pull's next scheduled pull; null for the others. */
  next_pull_at: string | null;
  created_at: string;
  updated_at: string;
};

/** The `integrations` row as Prisma reads it (the secret sealed). */
export type IntegrationRow = {
  teamId: string;
  id: string;
  identifier: string;
  title: string;
  kind: string;
  settings: unknown;
  enabled: boolean;
  deletionThreshold: number;
  secret: string;
  version: number;
  createdBy: string | null;
  lastSyncAt: Date | null;
  lastSyncCounts: unknown;
  lastSyncError: string | null;
  /** http-pull (migration 0025): when it is due, and its header values sealed (never returned). */
  nextPullAt?: Date | null;
  pullHeaders?: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type MappingRow = { blueprintId: string; mapping: unknown; position: number };

/** A stored mapping row back in the API's shape. */
export function mappingOf(row: MappingRow): MappingInput {
  const stored = row.mapping as Omit<MappingInput, 'blueprint'>;
  return { blueprint: row.blueprintId, ...stored };
}

export function toIntegrationView(row: IntegrationRow, mappings: MappingRow[]): IntegrationView {
  return {
    identifier: row.identifier,
    title: row.title,
    kind: row.kind as IntegrationKind,
    settings: row.settings as Record<string, unknown>,
    mappings: [...mappings].sort((a, b) => a.position - b.position).map(mappingOf),
    enabled: row.enabled,
    deletion_threshold: row.deletionThreshold,
    last_sync: row.lastSyncAt
      ? { at: row.lastSyncAt.toISOString(), counts: (row.lastSyncCounts as SyncCounts | null) ?? null, error: row.lastSyncError }
      : null,
    next_pull_at: row.nextPullAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The body form of a view (what PATCH merges into and the audit rows record). */
export function bodyOf(view: IntegrationView) {
  const { identifier, title, kind, settings, mappings, enabled, deletion_threshold } = view;
  return { identifier, title, kind, settings, mappings, enabled, deletion_threshold };
}
