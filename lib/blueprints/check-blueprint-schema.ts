import type { ErrorObject, ValidateFunction } from 'ajv';
import { AppError } from '@/lib/errors';
import { createAjv } from '@/lib/validation/create-ajv';
import { humaniseError } from '@/lib/validation/humanise-ajv-error';
import { re2Fault } from '@/lib/validation/re2-engine';
import {
  MAX_PATTERN_LENGTH,
  MAX_PATTERN_PROPERTIES,
  MAX_SCHEMA_PATTERNS,
  MAX_SCHEMA_PROPERTIES,
  schemaSizeFaults,
} from '@/lib/validation/schema-limits';
import type { JsonObject } from './schemas';
import { SUBSCHEMA_LIST, SUBSCHEMA_MAP, SUBSCHEMA_ONE } from '@/lib/validation/subschema-keywords';

// Isomorphic (the blueprint editor runs judgeBlueprintSchema in the browser).
// A blueprint's `schema` must be a draft 2020-12 JSON Schema (ajv's meta-schema) whose root is
// `type: "object"`, and must compile: regex patterns, formats and local $refs that ajv would only
// reject (or, for formats, silently ignore) at compile time are found first, so that every 422
// detail points into the body: `/schema/properties/tier/minimum`.

type Detail = { path: string; message: string };

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
const metaAjv = createAjv(); // validateSchema only: it never adds the checked schema to the instance

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function metaSchemaErrors(schema: JsonObject): Detail[] {
  if (schema.$schema !== undefined && schema.$schema !== DRAFT_2020_12 && schema.$schema !== `${DRAFT_2020_12}#`) {
    return [{ path: '/schema/$schema', message: `only JSON Schema draft 2020-12 is supported ("${DRAFT_2020_12}")` }];
  }
  if (metaAjv.validateSchema(schema)) return [];
  // ajv reports one fault several times (an `anyOf` and each of its branches): keep the first per path.
  const byPath = new Map<string, Detail>();
  for (const e of (metaAjv.errors ?? []) as ErrorObject[]) {
    const path = `/schema${e.instancePath}`;
    if (byPath.has(path)) continue;
    byPath.set(path, { path, message: humaniseError(e) });
  }
  return [...byPath.values()];
}

/** Every subschema with its JSON pointer (subschema positions only: a property named "pattern" is not a keyword). */
function* subschemas(schema: unknown, pointer: string): Generator<[JsonObject, string]> {
  if (!isObject(schema)) return;
  yield [schema, pointer];
  for (const k of SUBSCHEMA_ONE) yield* subschemas(schema[k], `${pointer}/${k}`);
  for (const k of SUBSCHEMA_MAP) {
    const map = schema[k];
    if (isObject(map)) for (const [name, sub] of Object.entries(map)) yield* subschemas(sub, `${pointer}/${k}/${escapeToken(name)}`);
  }
  for (const k of SUBSCHEMA_LIST) {
    const list = schema[k];
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) yield* subschemas(sub, `${pointer}/${k}/${i}`);
  }
}

/** Why a user's pattern cannot be used: too long, not ECMA-262, or not runnable by RE2 (re2-engine.ts). */
function badRegex(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters (MAX_PATTERN_LENGTH)`;
  try {
    new RegExp(source, 'u'); // JSON Schema patterns are ECMA-262 with the `u` flag
  } catch (e) {
    return e instanceof Error ? e.message : 'is not a valid regular expression';
  }
  return re2Fault(source);
}

/** Counts of what MAX_SCHEMA_PROPERTIES, MAX_SCHEMA_PATTERNS and MAX_PATTERN_PROPERTIES bound. */
function countFaults(root: JsonObject): Detail[] {
  let properties = 0;
  let patterns = 0;
  let patternProperties = 0;
  for (const [s] of subschemas(root, '/schema')) {
    if (isObject(s.properties)) properties += Object.keys(s.properties).length;
    if (isObject(s.patternProperties)) patternProperties += Object.keys(s.patternProperties).length;
    if (typeof s.pattern === 'string') patterns += 1;
  }
  patterns += patternProperties;
  properties += patternProperties;
  const faults: Detail[] = [];
  if (properties > MAX_SCHEMA_PROPERTIES) {
    faults.push({
      path: '/schema',
      message: `the schema declares ${properties} properties, more than ${MAX_SCHEMA_PROPERTIES} (MAX_SCHEMA_PROPERTIES)`,
    });
  }
  if (patterns > MAX_SCHEMA_PATTERNS) {
    faults.push({
      path: '/schema',
      message: `the schema holds ${patterns} patterns, more than ${MAX_SCHEMA_PATTERNS} (MAX_SCHEMA_PATTERNS)`,
    });
  }
  if (patternProperties > MAX_PATTERN_PROPERTIES) {
    faults.push({
      path: '/schema',
      message: `the schema holds ${patternProperties} patternProperties, more than ${MAX_PATTERN_PROPERTIES} (MAX_PATTERN_PROPERTIES)`,
    });
  }
  return faults;
}

function resolvesLocally(root: JsonObject, ref: string): boolean {
  if (ref === '#') return true;
  if (!ref.startsWith('#/')) return true; // anchors and ids: left to ajv's compile below
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return false;
    node = (node as Record<string, unknown>)[token];
    if (node === undefined) return false;
  }
  return true;
}

function keywordErrors(root: JsonObject, formats: Record<string, unknown>): Detail[] {
  const details: Detail[] = [];
  for (const [s, at] of subschemas(root, '/schema')) {
    if (typeof s.pattern === 'string') {
      const bad = badRegex(s.pattern);
      if (bad) details.push({ path: `${at}/pattern`, message: bad });
    }
    if (isObject(s.patternProperties)) {
      for (const key of Object.keys(s.patternProperties)) {
        const bad = badRegex(key);
        if (bad) details.push({ path: `${at}/patternProperties/${escapeToken(key)}`, message: bad });
      }
    }
    if (typeof s.format === 'string' && !Object.hasOwn(formats, s.format)) {
      details.push({ path: `${at}/format`, message: `unknown format "${s.format}" (known: ${Object.keys(formats).sort().join(', ')})` });
    }
    if (typeof s.$ref === 'string' && !resolvesLocally(root, s.$ref)) {
      details.push({ path: `${at}/$ref`, message: `"${s.$ref}" points at nothing in this schema` });
    }
  }
  return details;
}

export type SchemaFault = Detail;
export type SchemaVerdict = { ok: true; validate: ValidateFunction } | { ok: false; message: string; details: Detail[] };

/**
 * The verdict on a blueprint schema: its compiled validator, or why it cannot be used (a message
 * and details under `/schema`). Isomorphic, no server import: the server's check below and the
 * blueprint editor (before saving, as the schema is typed) run this one function, so the editor
 * shows the very messages the server would answer.
 */
export function judgeBlueprintSchema(schema: JsonObject): SchemaVerdict {
  const refuse = (message: string, details: Detail[]): SchemaVerdict => ({ ok: false, message, details });
  // Size first: the meta-schema check and the compile below are recursive and proportional to it.
  const size = schemaSizeFaults(schema);
  if (size.length) return refuse('the schema is too large', size);
  const counts = countFaults(schema);
  if (counts.length) return refuse('the schema is too large', counts);
  const meta = metaSchemaErrors(schema);
  if (meta.length) return refuse('the schema is not a valid JSON Schema (draft 2020-12)', meta);
  if (schema.type !== 'object')
    return refuse('the schema must describe an object', [{ path: '/schema/type', message: 'must be "object"' }]);
  // A fresh ajv per schema: a user's `$id` can never collide with another blueprint's, and nothing
  // compiled here stays referenced (the validator cache of the entity service is a later step).
  const ajv = createAjv();
  const keywords = keywordErrors(schema, ajv.formats);
  if (keywords.length) return refuse('the schema does not compile', keywords);
  try {
    return { ok: true, validate: ajv.compile(schema) };
  } catch (e) {
    const missing = (e as { missingRef?: string }).missingRef;
    const at = missing ? [...subschemas(schema, '/schema')].find(([s]) => s.$ref === missing)?.[1] : undefined;
    const message = e instanceof Error ? e.message : 'does not compile';
    return refuse('the schema does not compile', [{ path: at ? `${at}/$ref` : '/schema', message }]);
  }
}

/**
 * Checks a blueprint schema and returns its compiled validator (for the existing entities), or
 * throws 422 `validation_failed` with details under `/schema`.
 */
export function checkBlueprintSchema(schema: JsonObject): ValidateFunction {
  const verdict = judgeBlueprintSchema(schema);
  if (!verdict.ok) throw new AppError('validation_failed', verdict.message, verdict.details);
  return verdict.validate;
}
