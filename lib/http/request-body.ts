import type { ErrorObject, ValidateFunction } from 'ajv';
import { AppError } from '@/lib/errors';
import { createAjv } from '@/lib/validation/create-ajv';

// Request bodies: at most 1 MiB of JSON, checked against the route's JSON Schema. An unknown
// field or a body that is not a JSON object is a 400 that names it; a field that breaks its rule
// is a 422 with one {path, message} per fault (API.md).

export const MAX_BODY_BYTES = 1024 * 1024;

/** A route's body schema, typed with the shape it guarantees. */
export type BodySchema<T> = { schema: object; __type?: T };

export function bodySchema<T>(schema: object): BodySchema<T> {
  return { schema };
}

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

async function readLimited(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'the request body is larger than 1 MiB');
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError('payload_too_large', 'the request body is larger than 1 MiB');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function pathOf(error: ErrorObject): string {
  if (error.keyword === 'required') return `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`;
  return error.instancePath || '/';
}

export async function readJsonBody<T>(request: Request, body: BodySchema<T>): Promise<T> {
  const text = await readLimited(request);
  if (!text.trim()) throw new AppError('bad_request', 'a JSON body is required');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'the body is not valid JSON');
  }
  return validateBody(body, value);
}

/** Checks an already-parsed value (a route's JSON body, a server action's form) against the schema. */
export function validateBody<T>(body: BodySchema<T>, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('bad_request', 'the body must be a JSON object');
  }
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
    errors.map((e) => ({ path: pathOf(e), message: e.message ?? 'is not valid' })),
  );
}
