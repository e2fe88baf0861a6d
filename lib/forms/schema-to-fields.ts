// Turns a blueprint's JSON Schema into a tree of form fields, choosing one control per property.

import { propertyLabel } from '@/lib/domain/labels';
import { recordOf } from '@/lib/domain/own-keys';
import { declaredType } from '@/lib/domain/property-type';
import { childPointer } from './json-pointer';

export type JsonSchema = Record<string, unknown>;

export type ControlKind =
  | 'text'
  | 'email'
  | 'url'
  | 'date'
  | 'datetime'
  | 'textarea'
  | 'semver'
  | 'select'
  | 'number'
  | 'toggle'
  | 'tags'
  | 'multiselect'
  | 'rows'
  | 'object'
  | 'entity'
  | 'entities'
  | 'json';

export type FieldNode = {
  name: string;
  /** JSON pointer from the data root (or, inside a repeatable row, from the row). */
  path: string;
  label: string;
  description?: string;
  required: boolean;
  default?: unknown;
  control: ControlKind;
  schema: JsonSchema;
  /** A short hint shown when the schema has no description (semver, pattern). */
  hint?: string;
  /** select / multiselect choices, in schema order. */
  options?: unknown[];
  min?: number;
  max?: number;
  step?: number | 'any';
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  /** entity / entities: the blueprint whose entities the picker offers. */
  blueprint?: string;
  /** object: its properties; rows: the fields of one row (paths relative to the row). */
  children?: FieldNode[];
};

// Keywords the generated controls cannot represent faithfully: such a property gets a JSON editor.
const COMPOSITE_KEYWORDS = [
  '$ref',
  '$dynamicRef',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'const',
  'patternProperties',
  'prefixItems',
];

const isSchema = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The schema's single non-null type (the domain's rule, as the search reads it), or undefined. */
function singleType(schema: JsonSchema): string | undefined {
  return declaredType(schema) ?? undefined;
}

const STRING_FORMATS: Record<string, ControlKind> = {
  email: 'email',
  uri: 'url',
  url: 'url',
  date: 'date',
  'date-time': 'datetime',
  markdown: 'textarea',
  semver: 'semver',
};

/**
 * An input that names an entity (an action's user inputs): `{"type": "string", "format": "entity",
 * "blueprint": "<blueprint>"}`; the blueprint it names, or undefined.
 */
export function entityTarget(schema: JsonSchema): string | undefined {
  return schema.format === 'entity' && typeof schema.blueprint === 'string' && singleType(schema) === 'string'
    ? schema.blueprint
    : undefined;
}

/** The control for one property schema. */
export function controlFor(schema: JsonSchema): ControlKind {
  if (COMPOSITE_KEYWORDS.some((k) => k in schema)) return 'json';
  if (entityTarget(schema)) return 'entity';
  if (Array.isArray(schema.enum)) return schema.enum.length > 0 ? 'select' : 'json';
  const type = singleType(schema);
  switch (type) {
    case 'string':
      return STRING_FORMATS[String(schema.format)] ?? 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'toggle';
    case 'object':
      return isSchema(schema.properties) ? 'object' : 'json';
    case 'array': {
      const items = schema.items;
      if (!isSchema(items) || COMPOSITE_KEYWORDS.some((k) => k in items) || 'prefixItems' in schema) return 'json';
      if (Array.isArray(items.enum) && items.enum.length > 0) return 'multiselect';
      if (entityTarget(items)) return 'entities';
      const itemType = singleType(items);
      if (itemType === 'string') return 'tags';
      if (itemType === 'object' && isSchema(items.properties)) return 'rows';
      return 'json';
    }
    default:
      return 'json';
  }
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function fieldFor(name: string, schema: JsonSchema, path: string, required: boolean): FieldNode {
  const control = controlFor(schema);
  const field: FieldNode = {
    name,
    path,
    label: propertyLabel(name, schema),
    required,
    control,
    schema,
  };
  if (typeof schema.description === 'string') field.description = schema.description;
  if (schema.default !== undefined) field.default = schema.default;
  if (typeof schema.pattern === 'string') field.hint = `Format: ${schema.pattern}`;
  if (control === 'semver') field.hint = 'A semantic version, e.g. 1.4.2 or 2.0.0-rc.1';
  if (control === 'textarea') field.hint = 'Markdown';
  if (control === 'tags') field.hint = 'Press Enter or comma to add';
  if (control === 'json') field.hint = 'Edited as JSON: this shape has no dedicated control';
  field.minLength = num(schema.minLength);
  field.maxLength = num(schema.maxLength);
  field.minItems = num(schema.minItems);
  field.maxItems = num(schema.maxItems);
  if (control === 'select') field.options = schema.enum as unknown[];
  if (control === 'multiselect') field.options = (schema.items as JsonSchema).enum as unknown[];
  if (control === 'number') {
    field.min = num(schema.minimum) ?? num(schema.exclusiveMinimum);
    field.max = num(schema.maximum) ?? num(schema.exclusiveMaximum);
    field.step = singleType(schema) === 'integer' ? 1 : (num(schema.multipleOf) ?? 'any');
  }
  if (control === 'entity') field.blueprint = entityTarget(schema);
  if (control === 'entities') field.blueprint = entityTarget(schema.items as JsonSchema);
  if (control === 'object') field.children = schemaToFields(schema, path);
  if (control === 'rows') field.children = schemaToFields(schema.items as JsonSchema, '');
  for (const key of Object.keys(field) as (keyof FieldNode)[]) if (field[key] === undefined) delete field[key];
  return field;
}

/**
 * The fields of an object schema, in `properties` order. `base` is the pointer of the object
 * itself ('' for the entity's data root).
 */
export function schemaToFields(schema: unknown, base = ''): FieldNode[] {
  if (!isSchema(schema) || !isSchema(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(schema.properties).map(([name, prop]) =>
    fieldFor(name, isSchema(prop) ? prop : {}, childPointer(base, name), required.has(name)),
  );
}

/**
 * Initial data from the schema's `default`s, nested objects included (an object with no defaults
 * anywhere inside is left out, so an untouched optional object stays absent).
 */
export function defaultsFor(schema: unknown): Record<string, unknown> {
  // A Map, then a plain object of own keys: a property may be called `__proto__`.
  const out = new Map<string, unknown>();
  if (!isSchema(schema) || !isSchema(schema.properties)) return {};
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (!isSchema(prop)) continue;
    if (prop.default !== undefined) out.set(name, structuredClone(prop.default));
    else if (singleType(prop) === 'object') {
      const nested = defaultsFor(prop);
      if (Object.keys(nested).length > 0) out.set(name, nested);
    }
  }
  return recordOf(out);
}
