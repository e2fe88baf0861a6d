// Browser-side validation of entity data with the server's ajv rules, errors keyed by JSON pointer.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '@/lib/validation/create-ajv';
import { childPointer } from './json-pointer';

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

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'Must be a valid email address',
  uri: 'Must be a valid URL',
  url: 'Must be a valid URL (http or https)',
  date: 'Must be a valid date (YYYY-MM-DD)',
  'date-time': 'Must be a valid date and time',
  time: 'Must be a valid time',
  semver: 'Must be a semantic version, e.g. 1.2.3',
  uuid: 'Must be a valid UUID',
  ipv4: 'Must be a valid IPv4 address',
  ipv6: 'Must be a valid IPv6 address',
  hostname: 'Must be a valid host name',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The humanised message of one ajv error. */
export function humaniseError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'Required';
    case 'minimum':
      return `Must be at least ${p.limit}`;
    case 'maximum':
      return `Must be at most ${p.limit}`;
    case 'exclusiveMinimum':
      return `Must be greater than ${p.limit}`;
    case 'exclusiveMaximum':
      return `Must be less than ${p.limit}`;
    case 'multipleOf':
      return `Must be a multiple of ${p.multipleOf}`;
    case 'minLength':
      return p.limit === 1 ? 'Required' : `Must be at least ${plural(Number(p.limit), 'character')}`;
    case 'maxLength':
      return `Must be at most ${plural(Number(p.limit), 'character')}`;
    case 'minItems':
      return `Must have at least ${plural(Number(p.limit), 'item')}`;
    case 'maxItems':
      return `Must have at most ${plural(Number(p.limit), 'item')}`;
    case 'uniqueItems':
      return 'Must not contain duplicates';
    case 'pattern':
      return `Must match the pattern ${p.pattern}`;
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map(show).join(', ')}`;
    case 'const':
      return `Must be ${show(p.allowedValue)}`;
    case 'format':
      return FORMAT_MESSAGES[String(p.format)] ?? `Must be a valid ${p.format}`;
    case 'type': {
      const types = String(p.type).split(',');
      return `Must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
    }
    case 'additionalProperties':
      return `Unknown property "${p.additionalProperty}"`;
    default: {
      const m = error.message ?? 'is not valid';
      return m[0].toUpperCase() + m.slice(1);
    }
  }
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
