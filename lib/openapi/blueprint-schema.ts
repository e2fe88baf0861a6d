import type { JsonSchema } from './components';
import { SUBSCHEMA_LIST, SUBSCHEMA_MAP, SUBSCHEMA_ONE } from '@/lib/validation/subschema-keywords';

// A blueprint's JSON Schema (draft 2020-12) moved into an OpenAPI 3.1 document, whose Schema Object
// IS draft 2020-12: the schema is kept as written (formats, x- keywords, enums, titles), only its
// internal references change address. `#/$defs/x` inside a blueprint means "x of this blueprint";
// in the document it must point into components, so every definition becomes a component of its
// own (`ServiceData_x`) and every local `$ref` is rewritten to where its target now lives.

const DEF_KEYS = ['$defs', 'definitions'] as const;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeToken = (token: string) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');

/** Calls `visit` on every subschema (schema positions only: a property named "$ref" is data, not a keyword). */
export function eachSubschema(schema: unknown, visit: (s: JsonSchema) => void): void {
  if (!isObject(schema)) return;
  visit(schema);
  for (const k of SUBSCHEMA_ONE) {
    const v = schema[k];
    if (Array.isArray(v))
      v.forEach((s) => eachSubschema(s, visit)); // draft-04 style tuple `items`
    else eachSubschema(v, visit);
  }
  for (const k of SUBSCHEMA_MAP) if (isObject(schema[k])) Object.values(schema[k]).forEach((s) => eachSubschema(s, visit));
  for (const k of SUBSCHEMA_LIST) if (Array.isArray(schema[k])) (schema[k] as unknown[]).forEach((s) => eachSubschema(s, visit));
}

/** A component name from any string: OpenAPI allows `[A-Za-z0-9._-]` only. */
export function componentSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
}

export type HoistedSchema = {
  /** The blueprint's schema itself, without its definitions (component `dataName`). */
  data: JsonSchema;
  /** Its definitions, each now a component of its own, by component name. */
  defs: Record<string, JsonSchema>;
};

/**
 * The blueprint's schema as components: `dataName` for the schema, `${dataName}_<def>` for each of
 * its top-level `$defs` (and legacy `definitions`). `$schema` and `$id` are dropped: an `$id` would
 * change the base that the rewritten references resolve against.
 */
export function hoistBlueprintSchema(schema: JsonSchema, dataName: string, taken: (name: string) => boolean): HoistedSchema {
  const root = structuredClone(schema);
  const defNames = new Map<string, string>(); // "$defs/x" -> component name
  const defs: Record<string, JsonSchema> = {};
  const used = new Set<string>();
  for (const key of DEF_KEYS) {
    const group = root[key];
    if (!isObject(group)) continue;
    for (const [def, sub] of Object.entries(group)) {
      let name = `${dataName}_${componentSafe(def)}`;
      for (let i = 2; used.has(name) || taken(name); i++) name = `${dataName}_${componentSafe(def)}_${i}`;
      used.add(name);
      defNames.set(`${key}/${escapeToken(def)}`, name);
      defs[name] = isObject(sub) || typeof sub === 'boolean' ? (sub as JsonSchema) : {};
    }
    delete root[key];
  }
  delete root.$schema;
  delete root.$id;

  const rewrite = (ref: string): string => {
    if (ref === '#' || ref === '#/') return `#/components/schemas/${dataName}`;
    if (!ref.startsWith('#/')) return ref; // an anchor (`#name`) or another document: left as written
    const [group, def, ...rest] = ref.slice(2).split('/');
    const hoisted = defNames.get(`${group}/${def}`) ?? defNames.get(`${group}/${escapeToken(unescapeToken(def ?? ''))}`);
    if (hoisted) return [`#/components/schemas/${hoisted}`, ...rest].join('/');
    return `#/components/schemas/${dataName}/${ref.slice(2)}`; // a pointer into the schema itself
  };
  for (const target of [root, ...Object.values(defs)]) {
    eachSubschema(target, (s) => {
      if (typeof s.$ref === 'string') s.$ref = rewrite(s.$ref);
      if (typeof s.$dynamicRef === 'string') s.$dynamicRef = rewrite(s.$dynamicRef);
    });
  }
  return { data: root, defs };
}

const COMPOSED = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', '$dynamicRef'];

/**
 * The schema of a JSON merge patch (RFC 7396) of a value of `schema`: every property optional, and
 * null to remove it. Plain nested objects are patched property by property too; anything else
 * (arrays, references, compositions) is replaced whole, as RFC 7396 does with arrays.
 */
export function mergePatchOf(schema: JsonSchema, nullable = true): JsonSchema {
  const isPlainObject =
    isObject(schema.properties) && !COMPOSED.some((k) => k in schema) && (schema.type === undefined || schema.type === 'object');
  if (!isPlainObject) return nullable ? { anyOf: [schema, { type: 'null' }] } : schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Record<string, unknown>).map(([k, sub]) => [k, isObject(sub) ? mergePatchOf(sub) : sub]),
  );
  const keep = Object.fromEntries(Object.entries(schema).filter(([k]) => k === 'title' || k === 'description' || k.startsWith('x-')));
  return {
    ...keep,
    type: nullable ? ['object', 'null'] : 'object',
    properties,
    ...(schema.additionalProperties !== undefined && { additionalProperties: schema.additionalProperties }),
  };
}
