// Browser-side validation of entity data with the server's ajv rules, errors keyed by JSON pointer.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '@/lib/validation/create-ajv';
import { humaniseError } from '@/lib/validation/humanise-ajv-error';
import { childPointer } from './json-pointer';

export { humaniseError };

export type FieldErrors = Record<string, string>;

// Keyed by the schema object itself: the form holds one schema per blueprint version, so a new
// version is a new object and compiles afresh, while re-renders reuse the compiled validator.
const compiled = new WeakMap<object, ValidateFunction | Error>();

function validatorFor(schema: object): ValidateFunction | Error {
  let hit = compiled.get(schema);
  if (!hit) {
    try {
      hit = createAjv().compile(schema);
    } catch (e) {
      hit = e instanceof Error ? e : new Error(String(e));
    }
    compiled.set(schema, hit);
  }
  return hit;
}

/** The pointer an error belongs to: a missing property's own pointer for `required`. */
export function errorPointer(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return childPointer(error.instancePath, String(p.missingProperty));
  if (error.keyword === 'additionalProperties') return childPointer(error.instancePath, String(p.additionalProperty));
  return error.instancePath;
}

/**
 * Errors of `data` against `schema`, keyed by JSON pointer from the data root (first error per
 * pointer wins); empty when valid. A schema that does not compile reports under the root ''.
 */
export function validateEntityData(schema: object, data: unknown): FieldErrors {
  const validate = validatorFor(schema);
  if (validate instanceof Error) return { '': `The blueprint's schema is invalid: ${validate.message}` };
  if (validate(data)) return {};
  const errors: FieldErrors = {};
  for (const error of validate.errors ?? []) {
    // A failed `if` only explains its `then`/`else` errors, which are reported on their own.
    if (error.keyword === 'if') continue;
    const pointer = errorPointer(error);
    if (!(pointer in errors)) errors[pointer] = humaniseError(error);
  }
  return errors;
}
