import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import pg from 'pg';

// Helpers for the REST contract tests (docs/API.md). Every test seeds its own users and teams
// with unique emails and slugs, so the suite can run in parallel against one server.

export const API = '/api/v1';
export const PASSWORD = 'correct horse battery';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type User = { id: string; email: string; name: string | null; status: string; created_at: string };
export type Session = { user: User; token: string; email: string; password: string };
export type Team = { id: string; slug: string; name: string; role: string | null; permissions?: string[] };
export type Member = { user_id: string; email: string; role: { id: string; name: string } };
export type Role = {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  is_default: boolean;
  member_count: number;
};
export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  status: string;
};
export type ErrorBody = { error: { code: string; message: string; details?: Array<{ path: string; message: string }> } };

/** The server of playwright.config.ts, for contexts made outside a test (beforeAll). */
export function newApiContext(): Promise<APIRequestContext> {
  // The running project's server (the `next-only` project has its own, see playwright.config.ts).
  return playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL ?? `http://127.0.0.1:${process.env.BASEPLATE_E2E_PORT}` });
}

/** A lowercase suffix unique across workers and runs: `e2e-lq3x9a-1f2e3d4c`. */
export function unique(prefix = 'e2e'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export type CallOptions = { token?: string; scheme?: 'Bearer' | 'ApiKey'; body?: unknown; headers?: Record<string, string> };

/** One request to `/api/v1${path}`, with `Authorization: <scheme> <token>` when a token is given. */
export function call(api: APIRequestContext, method: Method, path: string, options: CallOptions = {}): Promise<APIResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `${options.scheme ?? 'Bearer'} ${options.token}`;
  return api.fetch(`${API}${path}`, { method, headers, data: options.body });
}

/** The JSON body, after checking the status (the message carries the body when it differs). */
export async function expectJson<T>(response: APIResponse, status: number, what: string): Promise<T> {
  expect(response.status(), `${what}: ${await response.text()}`).toBe(status);
  return (await response.json()) as T;
}

export const CODE_FOR_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal',
  503: 'service_unavailable',
};

/** Status and the error body of API.md: `{error: {code, message, details?}}`, code matching the status. */
export async function expectError(response: APIResponse, status: number, what: string): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status(), `${what}: ${text}`).toBe(status);
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    throw new Error(`${what}: the ${status} body is not JSON: ${text.slice(0, 200)}`);
  }
  expect(Object.keys(body), `${what}: error body keys`).toEqual(['error']);
  expect(body.error.code, `${what}: error code`).toBe(CODE_FOR_STATUS[status]);
  expect(typeof body.error.message === 'string' && body.error.message.length > 0, `${what}: error message`).toBe(true);
  if (status === 422) {
    expect(Array.isArray(body.error.details) && body.error.details.length > 0, `${what}: 422 details`).toBe(true);
    for (const d of body.error.details ?? []) {
      expect(typeof d.path === 'string' && typeof d.message === 'string', `${what}: detail ${JSON.stringify(d)}`).toBe(true);
    }
  }
  return body;
}

// --- seeding through the API -------------------------------------------------------------------

export async function register(api: APIRequestContext, label = 'user'): Promise<Session> {
  const email = `${unique(label)}@example.com`;
  const res = await call(api, 'POST', '/auth/register', { body: { email, password: PASSWORD, name: `E2E ${label}` } });
  const body = await expectJson<{ user: User; token: string }>(res, 201, `register ${email}`);
  return { user: body.user, token: body.token, email, password: PASSWORD };
}

export async function createTeam(api: APIRequestContext, token: string, slug = unique('team')): Promise<Team> {
  const res = await call(api, 'POST', '/teams', { token, body: { name: `Team ${slug}`, slug } });
  return expectJson<Team>(res, 201, `create team ${slug}`);
}

export async function addMember(api: APIRequestContext, token: string, team: string, email: string, role: string): Promise<Member> {
  const res = await call(api, 'POST', `/teams/${team}/members`, { token, body: { email, role } });
  return expectJson<Member>(res, 201, `add ${email} to ${team} as ${role}`);
}

export async function createRole(
  api: APIRequestContext,
  token: string,
  team: string,
  permissions: string[],
  name = unique('role'),
): Promise<Role> {
  const res = await call(api, 'POST', `/teams/${team}/roles`, { token, body: { name, permissions } });
  return expectJson<Role>(res, 201, `create role ${name} in ${team}`);
}

export async function createApiKey(
  api: APIRequestContext,
  token: string,
  team: string,
  permissions: string[],
  name = unique('key'),
): Promise<{ api_key: ApiKey; key: string }> {
  const res = await call(api, 'POST', `/teams/${team}/api-keys`, { token, body: { name, permissions } });
  return expectJson<{ api_key: ApiKey; key: string }>(res, 201, `create API key ${name} in ${team}`);
}

export async function revokeApiKey(api: APIRequestContext, token: string, team: string, keyId: string): Promise<void> {
  const res = await call(api, 'DELETE', `/teams/${team}/api-keys/${keyId}`, { token });
  expect(res.status(), `revoke key ${keyId}: ${await res.text()}`).toBe(204);
}

/** GET a JSON resource that must answer 200. */
export async function getJson<T>(api: APIRequestContext, token: string, path: string): Promise<T> {
  return expectJson<T>(await call(api, 'GET', path, { token }), 200, `GET ${path}`);
}

// --- direct database access, for setup the API does not offer -------------------------------------

let pool: pg.Pool | undefined;

/** The suite's embedded PostgreSQL (the URL a running server publishes in runtime.json). */
export function db(): pg.Pool {
  if (!pool) {
    const dataDir = process.env.BASEPLATE_E2E_DATA;
    if (!dataDir) throw new Error('BASEPLATE_E2E_DATA is not set: run through playwright.config.ts');
    const { url } = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { pid: number; url: string };
    pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  }
  return pool;
}

export async function setUserStatus(userId: string, status: 'active' | 'suspended' | 'inactive'): Promise<void> {
  const { rowCount } = await db().query('UPDATE users SET status = $1 WHERE id = $2', [status, userId]);
  expect(rowCount, `set status of user ${userId}`).toBe(1);
}

/** Moves a key's expiry into the past (the API refuses to create one that is already expired). */
export async function expireApiKey(keyId: string): Promise<void> {
  const { rowCount } = await db().query("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1", [keyId]);
  expect(rowCount, `expire API key ${keyId}`).toBe(1);
}

// --- blueprints -----------------------------------------------------------------------------------

export type Blueprint = {
  id: string;
  title: string;
  description: string | null;
  icon: string | null;
  schema: Record<string, unknown>;
  entity_count: number;
  version: number;
  created_at: string;
  updated_at: string;
};

export async function createBlueprint(
  api: APIRequestContext,
  token: string,
  team: string,
  body: { id: string; title?: string; description?: string; icon?: string; schema?: object; relations?: object },
): Promise<Blueprint> {
  const res = await call(api, 'POST', `/teams/${team}/blueprints`, {
    token,
    body: { title: body.id, schema: { type: 'object', properties: {} }, ...body },
  });
  return expectJson<Blueprint>(res, 201, `create blueprint ${body.id} in ${team}`);
}

/** Entities written straight into the database (setup for blueprint tests, before any entity API). */
export async function insertEntities(
  teamId: string,
  blueprintId: string,
  items: Array<{ identifier: string; data: object }>,
): Promise<void> {
  for (const item of items) {
    await db().query('INSERT INTO entities (team_id, blueprint_id, identifier, data) VALUES ($1, $2, $3, $4)', [
      teamId,
      blueprintId,
      item.identifier,
      item.data,
    ]);
  }
}
