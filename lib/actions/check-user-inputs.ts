import { checkBlueprintSchema } from '@/lib/blueprints/check-blueprint-schema';
import type { JsonObject } from '@/lib/blueprints/schemas';
import { AppError } from '@/lib/errors';
import { ENTITY_INPUT_FORMAT } from './action-limits';

// An action's `user_inputs`: a JSON Schema of an object, held to the SAME checks as a blueprint's
// schema (size, patterns run by RE2, formats, local $refs), so the generated entity form renders it
// and the runner validates inputs with the same ajv. One addition: an input naming an entity
// (action-limits.ts ENTITY_INPUT_FORMAT), at the top level of `properties`, alone or as the items
// of an array: `{"type": "string", "format": "entity", "blueprint": "<bp>"}`. ajv knows no
// "entity" format, so it is taken out before the schema is compiled (inputsSchemaForValidation):
// the value is then any string, and the runner checks that the entity exists.

type Detail = { path: string; message: string };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The entity inputs of a schema: the subschema that holds `format: "entity"`, with its pointer and what it names. */
export function entityInputsOf(schema: unknown): Array<{ name: string; pointer: string; node: JsonObject }> {
  const out: Array<{ name: string; pointer: string; node: JsonObject }> = [];
  const props = isObject(schema) ? schema.properties : undefined;
  if (!isObject(props)) return out;
  for (const [name, node] of Object.entries(props)) {
    if (!isObject(node)) continue;
    const at = `/properties/${token(name)}`;
    if (node.format === ENTITY_INPUT_FORMAT) out.push({ name, pointer: at, node });
    else if (isObject(node.items) && node.items.format === ENTITY_INPUT_FORMAT)
      out.push({ name, pointer: `${at}/items`, node: node.items });
  }
  return out;
}

/** A copy of `user_inputs` that ajv compiles: the entity inputs without their `format` (see above). */
export function inputsSchemaForValidation(schema: JsonObject): JsonObject {
  const copy = structuredClone(schema);
  for (const { node } of entityInputsOf(copy)) delete node.format;
  return copy;
}

/**
 * Checks `user_inputs` (422 with paths under `/user_inputs`); returns the blueprints its entity
 * inputs name, which the caller checks exist in the team.
 */
export function checkUserInputs(schema: JsonObject): Array<{ pointer: string; blueprint: string }> {
  const faults: Detail[] = [];
  const named: Array<{ pointer: string; blueprint: string }> = [];
  for (const { pointer, node } of entityInputsOf(schema)) {
    const at = `/user_inputs${pointer}`;
    if (node.type !== 'string') faults.push({ path: `${at}/type`, message: 'an entity input is a "string" (the identifier)' });
    if (typeof node.blueprint !== 'string' || node.blueprint.length === 0) {
      faults.push({ path: `${at}/blueprint`, message: 'an entity input names the blueprint of its entities' });
    } else named.push({ pointer: at, blueprint: node.blueprint });
  }
  if (faults.length) throw new AppError('validation_failed', 'the user inputs are not valid', faults);
  try {
    checkBlueprintSchema(inputsSchemaForValidation(schema));
  } catch (error) {
    if (!(error instanceof AppError) || !Array.isArray(error.details)) throw error;
    const details = (error.details as Detail[]).map((d) => ({ ...d, path: d.path.replace(/^\/schema/, '/user_inputs') }));
    throw new AppError('validation_failed', error.message.replace('the schema', 'the user inputs'), details);
  }
  return named;
}
