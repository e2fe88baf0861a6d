import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { BLUEPRINT_ID } from '@/lib/blueprints/schemas';
import { IDENTIFIER } from '@/lib/entities/schemas';
import { SLUG_PATTERN } from '@/lib/teams/schemas';

// The reusable parts of the OpenAPI document: security schemes, headers, parameters and the error
// responses of API.md (`{"error": {"code", "message", "details"}}`, one response per code).

export type JsonSchema = Record<string, unknown>;

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const paramRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
export const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

export const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'bpt_<64 hex> (login token) or bp_<64 hex> (API key)',
    description:
      '`Authorization: Bearer <token>`: a login token (`bpt_` + 64 lowercase hex, from POST /api/v1/auth/login or /register, valid 30 days) or an API key (`bp_` + 64 lowercase hex).',
  },
  apiKeyAuth: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'The older client form of an API key: the header value is `ApiKey bp_…` (prefix included).',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'authjs.session-token',
    description:
      "The portal's browser session (Auth.js; named `__Secure-authjs.session-token` over HTTPS). A write (POST, PUT, PATCH, DELETE) with it needs an Origin or Referer of this host, else 403.",
  },
} as const;

/** Any one of the three ways to sign in (the top-level default; public operations override it with []). */
export const AUTHENTICATED = [{ bearerAuth: [] }, { apiKeyAuth: [] }, { sessionCookie: [] }];

const integerHeader = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } });

export const headers = {
  'RateLimit-Limit': integerHeader('Requests allowed per window (one minute) for this caller.'),
  'RateLimit-Remaining': integerHeader('Requests left in the current window.'),
  'RateLimit-Reset': integerHeader('Seconds until the current window ends.'),
  'Retry-After': integerHeader('Seconds to wait before trying again.'),
  ETag: { description: "The resource's version tag; send it back in If-Match to make a write conditional.", schema: { type: 'string' } },
  'Cache-Control': { description: 'Caching rules for this response.', schema: { type: 'string' } },
  'X-Request-Id': {
    description:
      "This request's id, also in the server log and in the audit rows it wrote: the caller's own X-Request-Id " +
      'when it is 1-64 of `A-Z a-z 0-9 . _ -`, else one the server generated.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
  },
};

/** The header every response carries, whichever the caller. */
export const REQUEST_ID_HEADER = { 'X-Request-Id': headerRef('X-Request-Id') };

/** The headers every response to an authenticated caller carries (API.md). */
export const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': headerRef('RateLimit-Limit'),
  'RateLimit-Remaining': headerRef('RateLimit-Remaining'),
  'RateLimit-Reset': headerRef('RateLimit-Reset'),
};

const uuidPath = (name: string, what: string) => ({
  name,
  in: 'path',
  required: true,
  description: `The ${what}'s id (UUID). Anything that is not a UUID is 404.`,
  schema: { type: 'string', format: 'uuid' },
});

export const parameters = {
  Team: {
    name: 'team',
    in: 'path',
    required: true,
    description: "The team's slug. A team the caller is not in (or, for an API key, not its own team) is 404, never 403.",
    schema: { type: 'string', pattern: SLUG_PATTERN, maxLength: 50 },
  },
  UserId: uuidPath('user_id', 'member (user)'),
  RoleId: uuidPath('role_id', 'role'),
  KeyId: uuidPath('key_id', 'API key'),
  TokenId: uuidPath('token_id', 'login token'),
  PersonalTokenId: uuidPath('token_id', 'personal access token'),
  SessionId: uuidPath('session_id', 'browser session'),
  BlueprintId: {
    name: 'blueprint_id',
    in: 'path',
    required: true,
    description: "The blueprint's id within the team (API.md's `{id}`). One that cannot exist is 404.",
    schema: { type: 'string', pattern: BLUEPRINT_ID },
  },
  Identifier: {
    name: 'identifier',
    in: 'path',
    required: true,
    description:
      "The entity's identifier within the blueprint, percent-encoded (it may hold `/`, `:`, `@`, `+`). One that cannot exist is 404.",
    schema: { type: 'string', pattern: IDENTIFIER },
  },
  Limit: {
    name: 'limit',
    in: 'query',
    description: 'Page size, 1..1000 (default 50); out of range is 400.',
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  },
  Cursor: {
    name: 'cursor',
    in: 'query',
    description: 'The `next_cursor` of the previous page (opaque).',
    schema: { type: 'string' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    description: 'The ETag from a GET: the write happens only if the resource is still at that version, else 409. `*` or absent: no check.',
    schema: { type: 'string' },
  },
  Force: {
    name: 'force',
    in: 'query',
    description: 'Save a schema that some existing entities fail (otherwise 409 with their count and a sample).',
    schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
  },
  Include: {
    name: 'include',
    in: 'query',
    description:
      "Comma-separated. `related`: each entity also carries `related`, its links' targets with their titles and blueprints (read with the links: no extra query per entity). " +
      '`scorecards` (needs `scorecard:read`): each entity also carries `scorecards`, its live level and rule results per scorecard (one more query for the whole page). Anything else is a 400.',
    schema: {
      type: 'string',
      pattern: '^(related|scorecards)(,(related|scorecards))*$',
      examples: ['related', 'scorecards', 'related,scorecards'],
    },
  },
  DryRun: {
    name: 'dry_run',
    in: 'query',
    description: 'Report what the delete would take with it, and delete nothing.',
    schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
  },
};

/** The component name of each error code's response (typed: a new code must get one). */
export const ERROR_RESPONSE: Record<ErrorCode, string> = {
  bad_request: 'BadRequest',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  not_found: 'NotFound',
  method_not_allowed: 'MethodNotAllowed',
  conflict: 'Conflict',
  payload_too_large: 'PayloadTooLarge',
  validation_failed: 'ValidationFailed',
  rate_limited: 'RateLimited',
  internal: 'Internal',
  service_unavailable: 'ServiceUnavailable',
};

const ERROR_TEXT: Record<ErrorCode, string> = {
  bad_request:
    'Malformed request: not JSON, not an object, an unknown field or query parameter, a limit out of range. The message names the culprit.',
  unauthenticated: 'No credentials, or ones that are invalid, expired or revoked (or belong to a suspended user).',
  forbidden: 'Signed in, but without the permission this needs (or a cross-site write with a session cookie).',
  not_found: "No such resource for this caller (another team's resources are 404 too).",
  method_not_allowed: 'The path does not serve this method; `Allow` lists the ones it does.',
  conflict: 'The change collides with the current state (taken name, last admin, stale If-Match, ...).',
  payload_too_large: 'The request body is over 1 MiB.',
  validation_failed: 'A field breaks its rule; `details` lists one {path, message} per fault.',
  rate_limited: 'Too many requests; wait Retry-After seconds.',
  internal: 'An unexpected failure; the message carries a request id for the server log (never SQL or a stack).',
  service_unavailable:
    'The database is out of reach or busy, a statement ran out of time (`details.reason` statement_timeout), or the team or API key already runs its share of concurrent searches (team_busy, key_busy); retry after Retry-After seconds.',
};

function errorSchema(code: ErrorCode): JsonSchema {
  const detail = code === 'validation_failed' ? { details: schemaRef('ValidationDetails') } : {};
  return {
    allOf: [
      schemaRef('Error'),
      { type: 'object', properties: { error: { type: 'object', properties: { code: { const: code }, ...detail } } } },
    ],
  };
}

export const responses = Object.fromEntries(
  (Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => [
    ERROR_RESPONSE[code],
    {
      description: `${ERROR_STATUS[code]} \`${code}\`: ${ERROR_TEXT[code]}`,
      headers: {
        ...REQUEST_ID_HEADER,
        ...(code === 'rate_limited' || code === 'service_unavailable'
          ? { ...RATE_LIMIT_HEADERS, 'Retry-After': headerRef('Retry-After') }
          : code === 'unauthenticated'
            ? {}
            : RATE_LIMIT_HEADERS),
      },
      content: { 'application/json': { schema: errorSchema(code) } },
    },
  ]),
);

export const errorSchemas = {
  Error: {
    type: 'object',
    description: 'The body of every non-2xx response.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
          message: { type: 'string' },
          details: { description: 'More about the fault; for `validation_failed` a list of {path, message}.' },
        },
      },
    },
  },
  ValidationDetails: {
    type: 'array',
    items: {
      type: 'object',
      required: ['path', 'message'],
      properties: {
        path: { type: 'string', description: 'A JSON pointer into the request body, e.g. `/data/version`.' },
        message: { type: 'string' },
      },
    },
  },
};
