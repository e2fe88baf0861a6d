import { hasOwnKey, ownValue } from '@/lib/domain/own-keys';
import { AppError } from '@/lib/errors';
import { EXPORT_LIMITS } from './export-limits';
import type { ExportRow } from './export-types';

// The columns of a CSV export. Of one blueprint: by default identifier, title and every top-level
// schema property in schema order; `?columns=` names the catalog table's shown columns instead
// (its keys: `$identifier`, `$title`, `$created_at`..., property paths such as `metadata.region`,
// relation ids). Of the whole catalog (blueprints differ in their properties): blueprint,
// identifier, title, and properties and relations each as one JSON cell.

export type CsvColumn = { header: string; read: (row: ExportRow) => unknown };

export type CsvBlueprint = { schema: unknown; relationIds: string[] };

const META: Record<string, CsvColumn> = {
  $identifier: { header: 'identifier', read: (r) => r.identifier },
  $title: { header: 'title', read: (r) => r.title },
  $created_at: { header: 'created_at', read: (r) => r.createdAt.toISOString() },
  $updated_at: { header: 'updated_at', read: (r) => r.updatedAt.toISOString() },
  $created_by: { header: 'created_by', read: (r) => r.createdBy },
  $updated_by: { header: 'updated_by', read: (r) => r.updatedBy },
};

const CATALOG_COLUMNS: CsvColumn[] = [
  { header: 'blueprint', read: (r) => r.blueprint },
  META.$identifier,
  META.$title,
  { header: 'properties', read: (r) => r.properties },
  { header: 'relations', read: (r) => r.relations },
];

/** The top-level properties of a schema, in the order its author wrote them. */
export function schemaPropertyNames(schema: unknown): string[] {
  const properties = ownValue<unknown>(schema, 'properties');
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties) ? Object.keys(properties) : [];
}

function propertyColumn(path: string): CsvColumn {
  const parts = path.split('.');
  return {
    header: path,
    read: (r) => parts.reduce<unknown>((value, part) => ownValue(value, part), r.properties),
  };
}

function resolveColumn(key: string, blueprint: CsvBlueprint, properties: string[]): CsvColumn {
  if (key.length > EXPORT_LIMITS.maxColumnLength) throw new AppError('bad_request', `columns: "${key.slice(0, 50)}…" is too long`);
  if (hasOwnKey(META, key)) return META[key];
  const head = key.split('.')[0];
  if (!key.includes('.') && blueprint.relationIds.includes(key)) return { header: key, read: (r) => ownValue(r.relations, key) };
  if (properties.includes(head) && key.split('.').length <= 10 && !key.split('.').includes('')) return propertyColumn(key);
  // The unprefixed meta names, when no property is named so.
  if (key === 'identifier' || key === 'title') return META[`$${key}`];
  throw new AppError(
    'bad_request',
    `columns: unknown column "${key.slice(0, 100)}" (a meta-property such as $identifier, a property of the blueprint's schema or a relation)`,
  );
}

/** The CSV columns of an export: `raw` is `?columns=` (null: the defaults). */
export function csvColumns(raw: string | null, blueprint: CsvBlueprint | null): CsvColumn[] {
  if (!blueprint) {
    if (raw !== null) throw new AppError('bad_request', 'columns needs blueprint (columns are properties of one blueprint)');
    return CATALOG_COLUMNS;
  }
  const properties = schemaPropertyNames(blueprint.schema);
  if (raw === null) return [META.$identifier, META.$title, ...properties.map(propertyColumn)];
  const keys = raw.split(',').map((k) => k.trim());
  if (keys.some((k) => k === '')) throw new AppError('bad_request', 'columns: a column name is empty');
  if (keys.length > EXPORT_LIMITS.maxColumns) throw new AppError('bad_request', `columns: at most ${EXPORT_LIMITS.maxColumns} columns`);
  if (new Set(keys).size !== keys.length) throw new AppError('bad_request', 'columns: a column is named twice');
  return keys.map((k) => resolveColumn(k, blueprint, properties));
}
