import type { ErrorObject, ValidateFunction } from 'ajv';
import { AppError } from '@/lib/errors';
import { createAjv } from '@/lib/validation/create-ajv';
import { tooDeepAt } from '@/lib/validation/schema-limits';
import { MAX_JSON_DEPTH, findValueFault, jsonDepthExceeds } from './check-json-value';
import { humaniseError } from '@/lib/validation/humanise-ajv-error';

// Request bodies: at most 1 MiB of JSON nested at most MAX_JSON_DEPTH deep, checked against the
// route's JSON Schema. An unknown field or a body that is not a JSON object is a 400 that names
// it; a field that breaks its rule, or holds what cannot be stored (NUL, a lone surrogate, a
// number beyond double range: check-json-value.ts), is a 422 with one {path, message} per fault.

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A route's body schema, typed with the shape it guarantees. `itemsAt` names an array (a JSON
 * pointer) whose items the route checks one by one itself with validateBody (bulk), so that the
 * stored-value checks fail only the bad item, not the request.
 */
export type BodySchema<T> = { schema: object; itemsAt?: string; __type?: T };

export function bodySchema<T>(schema: object, options: { itemsAt?: string } = {}): BodySchema<T> {
  return { schema, ...options };
}

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Past the limit, the rest of a body up to this size is read and dropped before the 413: a client
 * still sending (a 3 MiB upload) then reads the answer instead of a connection reset halfway
 * through its write (EPIPE). Larger bodies are cut off at once.
 */
export const DRAIN_BYTES = 8 * MAX_BODY_BYTES;

async function tooLarge(reader: ReadableStreamDefaultReader<Uint8Array> | null, read: number): Promise<never> {
  let size = read;
  while (reader && size <= DRAIN_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
  }
  if (reader && size > DRAIN_BYTES) await reader.cancel();
  throw new AppError('payload_too_large', 'the request body is larger than 1 MiB');
}

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return tooLarge(declared <= DRAIN_BYTES ? (request.body?.getReader() ?? null) : null, 0);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) return tooLarge(reader, size);
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function pathOf(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`;
  return error.instancePath || '/';
}

/** The body's text as sent, at most 1 MiB (413 past it): a file upload of any media type. */
export async function readRawTextBody(request: Request): Promise<string> {
  return readLimited(request);
}

/**
 * The body's exact text, at most 1 MiB (413 past it), checked for depth and parsed: for a route
 * that must see the raw bytes (a signature over them) before it trusts the JSON.
 */
export async function readRawJsonBody(request: Request): Promise<{ text: string; value: unknown }> {
  return parseRawJson(await readLimited(request));
}

/** A body's text read as JSON, with the checks of readRawJsonBody (required, depth, syntax). */
export function parseRawJson(text: string): { text: string; value: unknown } {
  if (!text.trim()) throw new AppError('bad_request', 'a JSON body is required');
  if (jsonDepthExceeds(text)) throw new AppError('bad_request', `the body nests deeper than ${MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)`);
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new AppError('bad_request', 'the body is not valid JSON');
  }
}

export async function readJsonBody<T>(request: Request, body: BodySchema<T>): Promise<T> {
  const { value } = parseRawJson(await readLimited(request));
  return validateBody(body, value);
}

/** Checks an already-parsed value (a route's JSON body, a server action's form) against the schema. */
export function validateBody<T>(body: BodySchema<T>, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('bad_request', 'the body must be a JSON object');
  }
  // A server action's value never went through jsonDepthExceeds: bound it here too (iteratively).
  if (tooDeepAt(value, MAX_JSON_DEPTH)) {
    throw new AppError('bad_request', `the body nests deeper than ${MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)`);
  }
  const fault = findValueFault(value, '', body.itemsAt);
  if (fault) throw new AppError('validation_failed', 'the request body holds a value that cannot be stored', [fault]);
  let validate = compiled.get(body.schema);
  if (!validate) {
    validate = ajv.compile(body.schema);
    compiled.set(body.schema, validate);
  }
  if (validate(value)) return value as T;
  const errors = validate.errors ?? [];
  const unknown = errors.find((e) => e.keyword === 'additionalProperties');
  if (unknown) {
    const field = (unknown.params as { additionalProperty: string }).additionalProperty;
    throw new AppError('bad_request', `unknown field "${field}"${unknown.instancePath ? ` in ${unknown.instancePath}` : ''}`);
  }
  throw new AppError(
    'validation_failed',
    'the request body is not valid',
    errors.map((e) => ({ path: pathOf(e), message: humaniseError(e) })),
  );
}
