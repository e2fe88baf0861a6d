import { PERMISSIONS, type Permission } from '@/lib/authz/permissions';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { ERROR_RESPONSE, RATE_LIMIT_HEADERS, REQUEST_ID_HEADER, responseRef, schemaRef, type JsonSchema } from './components';

// One OpenAPI operation from a short spec. The errors follow from how the route is wrapped
// (lib/http/route.ts), so each path file lists only what its service adds:
// - every route: 500;
// - a JSON body: 400 (not JSON, unknown field), 413 (over 1 MiB), 422 (a field breaks its rule);
// - query parameters: 400 (unknown parameter, bad value);
// - withUser / withTeam: 401, 429; a write also 403 (a cross-site write with the session cookie);
// - withTeam: 404 (a team the caller cannot see); a permission: 403.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type Access = { kind: 'public' } | { kind: 'user' } | { kind: 'team'; permission?: Permission };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'user' };
export const member = (): Access => ({ kind: 'team' });
export const needs = (permission: Permission): Access => ({ kind: 'team', permission });

export type OperationSpec = {
  id: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** Component name of the request body's schema (one of the route's `bodySchema`s). */
  body?: string;
  /** Query parameters (the route refuses any other: 400). Path parameters sit on the path item. */
  query?: object[];
  /** Header parameters (If-Match). */
  headers?: object[];
  /** Success responses by status. */
  responses: Record<string, Response>;
  /** Errors the service adds to the wrapper's. */
  errors?: ErrorCode[];
};

type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> };

export function json(description: string, schema: JsonSchema | string, headers?: Record<string, unknown>): Response {
  return {
    description,
    ...(headers && { headers }),
    content: { 'application/json': { schema: typeof schema === 'string' ? schemaRef(schema) : schema } },
  };
}

export function noContent(description: string): Response {
  return { description };
}

const ERROR_ORDER: ErrorCode[] = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'validation_failed',
  'rate_limited',
  'internal',
  'service_unavailable',
];

function wrapperErrors(method: HttpMethod, spec: OperationSpec): Set<ErrorCode> {
  const errors = new Set<ErrorCode>(['internal', 'service_unavailable', ...(spec.errors ?? [])]);
  if (spec.body) ['bad_request', 'payload_too_large', 'validation_failed'].forEach((c) => errors.add(c as ErrorCode));
  if (spec.query) errors.add('bad_request');
  if (spec.access.kind !== 'public') {
    errors.add('unauthenticated').add('rate_limited');
    if (method !== 'get') errors.add('forbidden');
  }
  if (spec.access.kind === 'team') {
    errors.add('not_found');
    if (spec.access.permission) errors.add('forbidden');
  }
  return errors;
}

function accessText(access: Access): string {
  if (access.kind === 'public') return 'Public: no credentials needed.';
  if (access.kind === 'user') return 'Any signed-in caller (login token, API key or session).';
  if (!access.permission) return "Any member of the team, or the team's API key.";
  return `Requires the \`${access.permission}\` permission in the team (${PERMISSIONS[access.permission].grants}). An API key's permissions are its own list capped by its creator's.`;
}

export function operation(method: HttpMethod, spec: OperationSpec): object {
  const authenticated = spec.access.kind !== 'public';
  const success = Object.fromEntries(
    Object.entries(spec.responses).map(([status, r]) => [
      status,
      { ...r, headers: { ...REQUEST_ID_HEADER, ...(authenticated ? RATE_LIMIT_HEADERS : {}), ...r.headers } },
    ]),
  );
  const errors = wrapperErrors(method, spec);
  const parameters = [...(spec.query ?? []), ...(spec.headers ?? [])];
  const errorResponses = Object.fromEntries(
    ERROR_ORDER.filter((c) => errors.has(c)).map((code) => [String(ERROR_STATUS[code]), responseRef(ERROR_RESPONSE[code])]),
  );
  return {
    operationId: spec.id,
    summary: spec.summary,
    description: [spec.description, accessText(spec.access)].filter(Boolean).join('\n\n'),
    tags: [spec.tag],
    ...(spec.access.kind === 'public' && { security: [] }),
    'x-access': spec.access.kind === 'public' ? 'public' : spec.access.kind === 'user' ? 'signed_in' : 'team_member',
    ...(spec.access.kind === 'team' && spec.access.permission && { 'x-permission': spec.access.permission }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body && { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(spec.body) } } } }),
    responses: { ...success, ...errorResponses },
  };
}
