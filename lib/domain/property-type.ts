// A property's effective type, read from its JSON Schema: the one rule that the search compiler
// (which operators and values a rule on it takes, lib/search), the catalog's filter builder and
// columns (lib/catalog-view) and the entity form (lib/forms) all apply, so that the browser never
// offers what the server refuses. Isomorphic: no server import.
//
//   {"type": "string"}                 string (format date-time, date or semver: its own kind)
//   {"type": ["string", "null"]}       string: a null alongside one type does not change it
//   {"type": ["string", "number"]}     any: several types, no operator but presence tests fits all
//   {"enum": ["a", "b"]}               string with enum (an untyped enum of strings only)
//   {"type": "array", "items": ...}    array of strings, of numbers, or of other things
//   {"type": "integer"}                number

export type JsonSchemaNode = Record<string, unknown>;

/** A scalar's kind: how it compares. `date` is format "date" (YYYY-MM-DD), `datetime` an instant. */
export type ScalarKind = 'number' | 'boolean' | 'string' | 'datetime' | 'date' | 'semver';

export type PropertyType =
  | { kind: 'scalar'; scalar: ScalarKind; enum?: unknown[] }
  | { kind: 'array'; items: 'string' | 'number' | 'other' }
  | { kind: 'object' }
  /** A schema that says nothing usable about the type (no `type`, or several). */
  | { kind: 'any' };

export const isSchemaNode = (v: unknown): v is JsonSchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The one JSON type a schema node declares, if any: `type` as a string, or a list of one type
 * and `null`; an untyped enum of strings counts as string. Several types: null.
 */
export function declaredType(node: JsonSchemaNode): string | null {
  const t = node.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const types = t.filter((x) => x !== 'null');
    return types.length === 1 && typeof types[0] === 'string' ? types[0] : null;
  }
  if (t === undefined && Array.isArray(node.enum) && node.enum.length > 0 && node.enum.every((x) => typeof x === 'string')) return 'string';
  return null;
}

/** The effective type of a property's schema (anything that is not an object schema: `any`). */
export function propertyType(node: unknown): PropertyType {
  if (!isSchemaNode(node)) return { kind: 'any' };
  switch (declaredType(node)) {
    case 'number':
    case 'integer':
      return { kind: 'scalar', scalar: 'number' };
    case 'boolean':
      return { kind: 'scalar', scalar: 'boolean' };
    case 'string': {
      const format = node.format;
      if (format === 'date-time') return { kind: 'scalar', scalar: 'datetime' };
      if (format === 'date') return { kind: 'scalar', scalar: 'date' };
      if (format === 'semver') return { kind: 'scalar', scalar: 'semver' };
      if (Array.isArray(node.enum)) return { kind: 'scalar', scalar: 'string', enum: node.enum };
      return { kind: 'scalar', scalar: 'string' };
    }
    case 'array': {
      const items = isSchemaNode(node.items) ? declaredType(node.items) : null;
      const kind = items === 'string' ? 'string' : items === 'number' || items === 'integer' ? 'number' : 'other';
      return { kind: 'array', items: kind };
    }
    case 'object':
      return { kind: 'object' };
    default:
      return { kind: 'any' };
  }
}

const STRING: PropertyType = { kind: 'scalar', scalar: 'string' };
const INSTANT: PropertyType = { kind: 'scalar', scalar: 'datetime' };

/**
 * The meta-properties every entity has besides its data: their type and whether they may be
 * null (`nullable: false`: presence tests on them would be constant).
 */
export const META_PROPERTIES = {
  $identifier: { label: 'Identifier', type: STRING, nullable: false },
  $title: { label: 'Title', type: STRING, nullable: true },
  $created_at: { label: 'Created', type: INSTANT, nullable: false },
  $updated_at: { label: 'Updated', type: INSTANT, nullable: false },
  $created_by: { label: 'Created by', type: STRING, nullable: true },
  $updated_by: { label: 'Updated by', type: STRING, nullable: true },
} as const satisfies Record<string, { label: string; type: PropertyType; nullable: boolean }>;
export type MetaProperty = keyof typeof META_PROPERTIES;
