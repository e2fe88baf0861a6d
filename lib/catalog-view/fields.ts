import { humanise, propertyLabel } from '@/lib/domain/labels';
import { ownValue } from '@/lib/domain/own-keys';
import { isSchemaNode, META_PROPERTIES, propertyType, type PropertyType } from '@/lib/domain/property-type';
import type { ScorecardLevel } from '@/lib/domain/scorecard-rules';
import { scorecardFieldsOf, type ScorecardFieldInfo } from './scorecard-fields';

// The properties a person can filter, sort and show, derived from a blueprint's JSON Schema, each
// with a kind that decides its operators and its value control. Nested objects are walked so that
// `metadata.environment` is a field of its own (the search API's dotted paths). Relations add
// three kinds of field: the relation itself (a column of linked entities), the linked entities'
// properties one hop away (`runs_on.region`, filterable like any property), and "Related to…"
// (the relatedTo rule: links followed up to 15 hops, to entities of any blueprint).

/**
 * How the catalog shows and edits a field, derived from its type (lib/domain/property-type.ts).
 * `object`: objects and arrays of anything but strings and numbers; `any`: a schema with no
 * single type (`["string", "number"]`, none at all): only presence tests apply to both.
 * `relation`: a relation's linked entities (a column, not filterable); `related`: the relatedTo rule.
 * `scorecardLevel`: an entity's level in a scorecard; `scorecardRule`: whether one rule passes
 * (scorecard-fields.ts).
 */
export type FieldKind =
  | 'number'
  | 'boolean'
  | 'string'
  | 'enum'
  | 'date'
  | 'semver'
  | 'stringArray'
  | 'numberArray'
  | 'object'
  | 'any'
  | 'relation'
  | 'related'
  | 'scorecardLevel'
  | 'scorecardRule';

export type Field = {
  /** A dotted path into `data`, or a meta-property (`$title`). */
  key: string;
  label: string;
  kind: FieldKind;
  /** The property's type, as the search route reads it: it decides the operators (lib/domain/operators.ts). */
  type?: PropertyType;
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
  /** Scorecard fields: the scorecard's identifier. */
  scorecard?: string;
  /** Scorecard level fields: the levels, lowest first, with their colours. */
  levels?: ScorecardLevel[];
};

/** A relation of the blueprint, with its target blueprint's schema (for the fields one hop away). */
export type RelationInfo = { id: string; title: string | null; targetSchema: unknown };

export const RELATED_TO_FIELD: Field = { key: '@relatedTo', label: 'Related to…', kind: 'related' };

export const META_FIELDS: Field[] = Object.entries(META_PROPERTIES).map(([key, meta]) => ({
  key,
  label: meta.label,
  ...kindOfType(meta.type),
  type: meta.type,
  meta: true,
  ...(meta.nullable && { nullable: true }),
}));

const MAX_DEPTH = 3;

/** The catalog's kind of a property type (and a date's format). */
function kindOfType(type: PropertyType): { kind: FieldKind; format?: 'date' | 'date-time' } {
  switch (type.kind) {
    case 'array':
      return { kind: type.items === 'string' ? 'stringArray' : type.items === 'number' ? 'numberArray' : 'object' };
    case 'object':
    case 'any':
      return { kind: type.kind };
    case 'scalar':
      switch (type.scalar) {
        case 'datetime':
          return { kind: 'date', format: 'date-time' };
        case 'date':
          return { kind: 'date', format: 'date' };
        case 'string':
          return { kind: type.enum ? 'enum' : 'string' };
        default:
          return { kind: type.scalar };
      }
  }
}

/** The kind of one property schema (its type read by the domain rule). */
export function kindOf(schema: unknown): FieldKind {
  return kindOfType(propertyType(schema)).kind;
}

function walk(properties: Record<string, unknown>, prefix: string, labelPrefix: string, depth: number, out: Field[], via?: string): void {
  for (const [name, schema] of Object.entries(properties)) {
    if (!isSchemaNode(schema)) continue;
    const type = propertyType(schema);
    const { kind, format } = kindOfType(type);
    const key = prefix + name;
    const label = labelPrefix + propertyLabel(name, schema);
    const field: Field = { key, label, kind, type, ...(format && { format }), ...(via && { via }) };
    if (type.kind === 'scalar' && type.enum) field.options = type.enum as Field['options'];
    out.push(field);
    if (kind === 'object' && isSchemaNode(schema.properties) && depth < MAX_DEPTH)
      walk(schema.properties, `${key}.`, `${label} › `, depth + 1, out, via);
  }
}

/**
 * The blueprint's data fields (schema order, nested objects after their parent), the
 * meta-properties, then per relation its column and its target's fields, then the scorecards'
 * levels and rules (for a viewer who may read them), then "Related to…".
 */
export function fieldsOf(schema: unknown, relations: RelationInfo[] = [], scorecards: ScorecardFieldInfo[] = []): Field[] {
  const out: Field[] = [];
  const properties = isSchemaNode(schema) ? schema.properties : undefined;
  if (isSchemaNode(properties)) walk(properties, '', '', 1, out);
  out.push(...META_FIELDS);
  for (const r of relations) {
    const label = r.title || humanise(r.id);
    out.push({ key: r.id, label, kind: 'relation', via: r.id });
    for (const meta of META_FIELDS.filter((m) => m.key === '$identifier' || m.key === '$title')) {
      out.push({ ...meta, key: `${r.id}.${meta.key}`, label: `${label} › ${meta.label}`, via: r.id });
    }
    const target = isSchemaNode(r.targetSchema) ? r.targetSchema.properties : undefined;
    if (isSchemaNode(target)) walk(target, `${r.id}.`, `${label} › `, 2, out, r.id);
  }
  out.push(...scorecardFieldsOf(scorecards));
  out.push(RELATED_TO_FIELD);
  return out;
}

export function fieldMap(fields: Field[]): Map<string, Field> {
  return new Map(fields.map((f) => [f.key, f]));
}

/** The value at a field's path in an entity view (meta-properties from the row itself). */
export function valueAt(
  entity: {
    identifier: string;
    title: string | null;
    data: Record<string, unknown>;
    created_at?: string;
    updated_at?: string;
    created_by?: string | null;
    updated_by?: string | null;
  },
  key: string,
): unknown {
  if (key.startsWith('$')) return (entity as Record<string, unknown>)[key.slice(1)];
  let current: unknown = entity.data;
  for (const part of key.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = ownValue(current, part);
  }
  return current;
}
