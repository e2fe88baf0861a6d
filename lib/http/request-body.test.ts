import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './check-json-value';
import { MAX_BODY_BYTES, bodySchema, readJsonBody, validateBody } from './request-body';

// Real Request objects, as the route wrapper receives them.

type Register = { email: string; password: string; name: string };
const registerBody = bodySchema<Register>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'name'],
  properties: {
    email: { type: 'string', format: 'email' },
    password: { type: 'string', minLength: 8 },
    name: { type: 'string', minLength: 1 },
    profile: { type: 'object', additionalProperties: false, properties: { bio: { type: 'string' } } },
  },
});

const valid: Register = { email: 'ada@example.com', password: 'correct horse', name: 'Ada' };

function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }): Request {
  return new Request('http://localhost/api/v1/auth/register', { method: 'POST', body, headers });
}

/** A body sent in chunks with no Content-Length (chunked transfer encoding): `json` padded with spaces. */
function streamed(totalBytes: number, json = '{}', chunkBytes = 64 * 1024): Request {
  const bytes = Buffer.alloc(totalBytes, 0x20);
  bytes.write(json);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const n = Math.min(chunkBytes, totalBytes - sent);
      controller.enqueue(new Uint8Array(bytes.subarray(sent, sent + n)));
      sent += n;
    },
  });
  return new Request('http://localhost/x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit & { duplex: 'half' });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the body to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('readJsonBody', () => {
  it('returns a valid body as parsed', async () => {
    await expect(readJsonBody(post(JSON.stringify(valid)), registerBody)).resolves.toEqual(valid);
  });

  it('refuses text that is not JSON with 400 bad_request', async () => {
    const error = await failure(readJsonBody(post('{"email": '), registerBody));
    expect(error.code).toBe('bad_request');
    expect(error.status).toBe(400);
  });

  it('refuses an empty body, a missing body and a body of whitespace with 400', async () => {
    for (const body of ['', null, '   \n']) {
      const error = await failure(readJsonBody(post(body), registerBody));
      expect(error.status).toBe(400);
      expect(error.code).toBe('bad_request');
    }
  });

  it('refuses JSON that is not an object (array, null, string, number) with 400', async () => {
    for (const body of ['[]', JSON.stringify([valid]), 'null', '"text"', '42']) {
      const error = await failure(readJsonBody(post(body), registerBody));
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/JSON object/);
    }
  });

  it('refuses an unknown field with 400 naming it, even nested', async () => {
    const top = await failure(readJsonBody(post(JSON.stringify({ ...valid, is_admin: true })), registerBody));
    expect(top.code).toBe('bad_request');
    expect(top.message).toContain('"is_admin"');

    const nested = await failure(readJsonBody(post(JSON.stringify({ ...valid, profile: { avatar: 'x' } })), registerBody));
    expect(nested.code).toBe('bad_request');
    expect(nested.message).toContain('"avatar"');
    expect(nested.message).toContain('/profile');
  });

  it('reports rule faults as 422 validation_failed with one {path, message} per fault', async () => {
    const error = await failure(readJsonBody(post(JSON.stringify({ email: 'not-an-email', password: 'short' })), registerBody));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    const details = error.details as Array<{ path: string; message: string }>;
    expect(details.map((d) => d.path).sort()).toEqual(['/email', '/name', '/password']);
    for (const d of details) expect(typeof d.message === 'string' && d.message.length > 0).toBe(true);
    expect(details.find((d) => d.path === '/password')!.message).toMatch(/8/);
  });

  it('reports a wrong type at the path of the field', async () => {
    const error = await failure(readJsonBody(post(JSON.stringify({ ...valid, name: 42 })), registerBody));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path: '/name', message: expect.any(String) }]);
  });

  it('refuses a declared Content-Length over 1 MiB with 413 before reading', async () => {
    const request = post(JSON.stringify(valid), { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
    const error = await failure(readJsonBody(request, registerBody));
    expect(error.code).toBe('payload_too_large');
    expect(error.status).toBe(413);
  });

  it('refuses a real body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ ...valid, name: 'x'.repeat(MAX_BODY_BYTES) });
    const error = await failure(readJsonBody(post(big), registerBody));
    expect(error.status).toBe(413);
  });

  it('refuses a streamed body over 1 MiB without a Content-Length with 413', async () => {
    const request = streamed(MAX_BODY_BYTES + 1);
    expect(request.headers.get('content-length')).toBeNull();
    const error = await failure(readJsonBody(request, registerBody));
    expect(error.code).toBe('payload_too_large');
  });

  it('reads a streamed body under the limit', async () => {
    const request = streamed(200 * 1024, JSON.stringify(valid));
    expect(request.headers.get('content-length')).toBeNull();
    await expect(readJsonBody(request, registerBody)).resolves.toEqual(valid);
  });

  it('accepts a body of exactly 1 MiB (the limit is inclusive)', async () => {
    const json = JSON.stringify(valid);
    const padded = json + ' '.repeat(MAX_BODY_BYTES - Buffer.byteLength(json));
    expect(Buffer.byteLength(padded)).toBe(MAX_BODY_BYTES);
    await expect(readJsonBody(post(padded), registerBody)).resolves.toEqual(valid);
  });

  it('refuses JSON nested 10,000 deep with 400 before parsing (no stack overflow)', async () => {
    const deep = `{"email": "a@b.co", "password": "correct horse", "name": "A", "profile": {"bio": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const error = await failure(readJsonBody(post(deep), registerBody));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('MAX_JSON_DEPTH');
  });

  // What arrives is the escaped form in the JSON text; JSON.parse makes characters of it.
  it.each([
    ['a NUL in a value', String.raw`{"email": "a@b.co", "password": "correct horse", "name": "A\u0000B"}`, '/name', /NUL/],
    ['a lone high surrogate', String.raw`{"email": "a@b.co", "password": "correct horse", "name": "A\ud800"}`, '/name', /surrogate/],
    ['a lone low surrogate', String.raw`{"email": "a@b.co", "password": "correct horse", "name": "\udc00A"}`, '/name', /surrogate/],
    [
      'a NUL in a member name',
      String.raw`{"email": "a@b.co", "password": "correct horse", "name": "A", "profile": {"b\u0000": "x"}}`,
      '/profile/b\u0000',
      /member name/,
    ],
    [
      'a number beyond double range',
      String.raw`{"email": "a@b.co", "password": "correct horse", "name": "A", "profile": {"bio": [1e400]}}`,
      '/profile/bio/0',
      /double/,
    ],
    [
      'a negative one',
      String.raw`{"email": "a@b.co", "password": "correct horse", "name": "A", "profile": {"bio": -1e999}}`,
      '/profile/bio',
      /double/,
    ],
  ])('refuses %s with 422 naming the field', async (_what, json, path, message) => {
    const error = await failure(readJsonBody(post(json), registerBody));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('keeps a well-formed surrogate pair (an emoji) and large finite numbers', async () => {
    const body = { ...valid, name: 'Ada \u{1F680}', profile: { bio: 'x' } };
    await expect(readJsonBody(post(JSON.stringify(body)), registerBody)).resolves.toEqual(body);
    expect(() => validateBody(bodySchema({ type: 'object' }), { n: 1.7e308 })).not.toThrow();
  });

  it('leaves the items at `itemsAt` to the route, which checks each with validateBody', () => {
    const bulk = bodySchema<{ entities: unknown[] }>({ type: 'object' }, { itemsAt: '/entities' });
    const value = JSON.parse(String.raw`{"entities": [{"name": "ok"}, {"name": "bad\u0000"}]}`) as object;
    expect(validateBody(bulk, value)).toBe(value);
    expect(() => validateBody(bodySchema({ type: 'object' }), (value as { entities: object[] }).entities[1])).toThrow(
      expect.objectContaining({ code: 'validation_failed', details: [{ path: '/name', message: expect.stringMatching(/NUL/) }] }),
    );
  });
});

describe('jsonDepthExceeds', () => {
  it('counts objects and arrays, not brackets inside strings (escaped quotes included)', () => {
    const at = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(jsonDepthExceeds(at(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(at(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[\\"{{{{'.repeat(100) }), 3)).toBe(false);
    expect(jsonDepthExceeds('[{"a": [{"b": []}]}]', 4)).toBe(true);
  });
});
