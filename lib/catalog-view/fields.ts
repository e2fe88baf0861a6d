import { ownValue } from '@/lib/domain/own-keys';

// The properties a person can filter, sort and show, derived from a blueprint's JSON Schema, each
// with a kind that decides its operators and its value control. Nested objects are walked so that
// `metadata.environment` is a field of its own (the search API's dotted paths). Relations add
// three kinds of field: the relation itself (a column of linked entities), the linked entities'
// properties one hop away (`runs_on.region`, filterable like any property), and "Related to…"
// (the relatedTo rule: links followed up to 15 hops, to entities of any blueprint).

/**
 * `object`: objects, and arrays of anything but strings: only presence tests apply.
 * `relation`: a relation's linked entities (a column, not filterable); `related`: the relatedTo rule.
 */
export type FieldKind = 'number' | 'boolean' | 'string' | 'enum' | 'date' | 'semver' | 'stringArray' | 'object' | 'relation' | 'related';

export type Field = {
  /** A dotted path into `data`, or a meta-property (`$title`). */
  key: string;
  label: string;
  kind: FieldKind;
  /** `date` fields: whether the schema says `date` (day) or `date-time` (instant). */
  format?: 'date' | 'date-time';
  /** Enum values, in schema order. */
  options?: Array<string | number | boolean>;
  /** Meta-properties every entity has (no "exists"). */
  meta?: boolean;
  /** A meta-property that may be null (title, created_by). */
  nullable?: boolean;
  /** The relation a field goes through (`runs_on` of `runs_on.region`): filterable, not a column or a sort. */
  via?: string;
};

/** A relation of the blueprint, with its target blueprint's schema (for the fields one hop away). */
export type RelationInfo = { id: string; title: string | null; targetSchema: unknown };

export const RELATED_TO_FIELD: Field = { key: '@relatedTo', label: 'Related to…', kind: 'related' };

type PropertySchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  title?: string;
  items?: PropertySchema;
  properties?: Record<string, PropertySchema>;
};

export const META_FIELDS: Field[] = [
  { key: '$identifier', label: 'Identifier', kind: 'string', meta: true },
  { key: '$title', label: 'Title', kind: 'string', meta: true, nullable: true },
  { key: '$created_at', label: 'Created', kind: 'date', format: 'date-time', meta: true },
  { key: '$updated_at', label: 'Updated', kind: 'date', format: 'date-time', meta: true },
  { key: '$created_by', label: 'Created by', kind: 'string', meta: true, nullable: true },
  { key: '$updated_by', label: 'Updated by', kind: 'string', meta: true, nullable: true },
];

const MAX_DEPTH = 3;

/** `deployed_at` -> "Deployed at": a column header for a property without a title. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}

function mainType(schema: PropertySchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
}

/** The kind of one property schema, or null for what the catalog cannot filter (arrays of objects). */
export function kindOf(schema: PropertySchema): FieldKind | null {
  const type = mainType(schema);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    // The search route types an untyped enum as a string only when every value is one; any other
    // untyped enum allows presence tests alone.
    if (type === undefined) return schema.enum.every((v) => typeof v === 'string') ? 'enum' : 'object';
    if (schema.enum.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return 'enum';
  }
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'object') return 'object';
  if (type === 'array') {
    // Arrays of strings take membership operators; other arrays (objects, untyped) presence only.
    const items = schema.items ? (mainType(schema.items) ?? (schema.items.enum?.every((v) => typeof v === 'string') ? 'string' : undefined)) : undefined;
    return items === 'string' ? 'stringArray' : 'object';
  }
  if (type === 'string') {
    if (schema.format === 'date' || schema.format === 'date-time') return 'date';
    if (schema.format === 'semver') return 'semver';
    return 'string';
  }
  return null;
}

function walk(properties: Record<string, PropertySchema>, prefix: string, labelPrefix: string, depth: number, out: Field[], via?: string): void {
  for (const [name, schema] of Object.entries(properties)) {
    if (!schema || typeof schema !== 'object') continue;
    const kind = kindOf(schema);
    if (!kind) continue;
    const key = prefix + name;
    const label = labelPrefix + (typeof schema.title === 'string' && schema.title ? schema.title : humanize(name));
    const field: Field = { key, label, kind, ...(via && { via }) };
    if (kind === 'enum') field.options = schema.enum as Field['options'];
    if (kind === 'date') field.format = schema.format === 'date' ? 'date' : 'date-time';
    out.push(field);
    if (kind === 'object' && schema.properties && depth < MAX_DEPTH) walk(schema.properties, `${key}.`, `${label} › `, depth + 1, out, via);
  }
}

/**
 * The blueprint's data fields (schema order, nested objects after their parent), the
 * meta-properties, then per relation its column and its target's fields, then "Related to…".
 */
export function fieldsOf(schema: unknown, relations: RelationInfo[] = []): Field[] {
  const out: Field[] = [];
  const properties = (schema as PropertySchema | null)?.properties;
  if (properties && typeof properties === 'object') walk(properties, '', '', 1, out);
  out.push(...META_FIELDS);
  for (const r of relations) {
    const label = r.title || humanize(r.id);
    out.push({ key: r.id, label, kind: 'relation', via: r.id });
    out.push({ key: `${r.id}.$identifier`, label: `${label} › Identifier`, kind: 'string', via: r.id, meta: true });
    out.push({ key: `${r.id}.$title`, label: `${label} › Title`, kind: 'string', via: r.id, meta: true, nullable: true });
    const target = (r.targetSchema as PropertySchema | null)?.properties;
    if (target && typeof target === 'object') walk(target, `${r.id}.`, `${label} › `, 2, out, r.id);
  }
  out.push(RELATED_TO_FIELD);
  return out;
}

export function fieldMap(fields: Field[]): Map<string, Field> {
  return new Map(fields.map((f) => [f.key, f]));
}

/** The value at a field's path in an entity view (meta-properties from the row itself). */
export function valueAt(entity: { identifier: string; title: string | null; data: Record<string, unknown>; created_at?: string; updated_at?: string; created_by?: string | null; updated_by?: string | null }, key: string): unknown {
  if (key.startsWith('$')) return (entity as Record<string, unknown>)[key.slice(1)];
  let current: unknown = entity.data;
  for (const part of key.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = ownValue(current, part);
  }
  return current;
}
