import type { RelationsView } from '@/lib/relations/relation-types';
import type { LinksView } from '@/lib/relations/entity-links';

// What an export writes. Ids and timestamps are left out of the entity on purpose: an export
// imported into an empty team and exported again is byte-identical (issue 14, item 7); the CSV
// may still show timestamps as columns when the table shows them.

export const EXPORT_FORMATS = ['json', 'ndjson', 'yaml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportEntity = {
  blueprint: string;
  identifier: string;
  title: string | null;
  properties: Record<string, unknown>;
  relations: LinksView;
};

/** A row as read: the entity and the meta columns a CSV may show. */
export type ExportRow = ExportEntity & {
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
};

/** A blueprint as the blueprints document describes it (a create body, with its relations). */
export type ExportBlueprint = {
  id: string;
  title: string;
  description: string | null;
  icon: string | null;
  schema: Record<string, unknown>;
  relations: RelationsView;
};
