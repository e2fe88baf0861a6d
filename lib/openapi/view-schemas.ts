import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import type { AuditLogView } from '@/lib/audit/list-audit-logs';
import { ALL_PERMISSIONS } from '@/lib/authz/permissions';
import { API_KEY_PATTERN, LOGIN_TOKEN_PATTERN, PERSONAL_TOKEN_PATTERN } from '@/lib/auth/secrets';
import type { PersonalTokenView } from '@/lib/auth/personal-tokens';
import type { SessionView } from '@/lib/auth/session-service';
import type { DryRunReport } from '@/lib/blueprints/blueprint-service';
import type { BlueprintView } from '@/lib/blueprints/blueprint-view';
import type { FailingEntities } from '@/lib/blueprints/find-failing-entities';
import type { Health } from '@/lib/health/check-health';
import type { LoginTokenView } from '@/lib/auth/login-token-service';
import type { MemberView, RevokedKeyView } from '@/lib/members/member-service';
import type { RoleView } from '@/lib/roles/role-service';
import type { TeamView } from '@/lib/teams/team-service';
import type { UserView } from '@/lib/users/user-view';
import { schemaRef, type JsonSchema } from './components';

// Response schemas, one per view the services return. Each is typed against its view: a field
// added to (or dropped from) the TypeScript type and not here does not compile, so the document
// cannot drift from what the routes send. Responses stay open (no additionalProperties: false):
// API.md lets fields be added without a new version.

export type Shape<T> = { [K in keyof Required<T>]: JsonSchema };

export function view<T>(description: string, properties: Shape<T>, optional: Array<keyof T> = []): JsonSchema {
  const required = Object.keys(properties).filter((k) => !optional.includes(k as keyof T));
  return { type: 'object', description, required, properties };
}

export const uuid = { type: 'string', format: 'uuid' };
export const timestamp = { type: 'string', format: 'date-time' };
export const str = { type: 'string' };
export const int = { type: 'integer', minimum: 0 };
export const nullable = (s: { type: string } & JsonSchema): JsonSchema => ({ ...s, type: [s.type, 'null'] });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const permissions = arrayOf(schemaRef('Permission'));

/** A cursor page: `{<key>: [...], next_cursor}`. */
export function pageOf(key: string, item: string): JsonSchema {
  return {
    type: 'object',
    required: [key, 'next_cursor'],
    properties: {
      [key]: arrayOf(schemaRef(item)),
      next_cursor: { ...nullable(str), description: 'The cursor of the next page; null on the last.' },
    },
  };
}

type Me = {
  user: UserView | null;
  api_key?: { id: string; name: string };
  teams: Array<Pick<TeamView, 'id' | 'slug' | 'name' | 'role'>>;
};
type AuthSession = { user: UserView; token: string; expires_at: string };
type ApiKeyCreated = { api_key: ApiKeyView; key: string };

type MemberRemoval = { dry_run?: true; revoked_api_keys: RevokedKeyView[] };
type PasswordChanged = { ended_sessions: number; revoked_login_tokens: number };
type PersonalTokenCreated = { personal_token: PersonalTokenView; token: string };

export const viewSchemas: Record<string, JsonSchema> = {
  LoginToken: view<LoginTokenView>("One of the caller's login tokens (never the token itself).", {
    id: uuid,
    created_at: timestamp,
    expires_at: timestamp,
    user_agent: { ...nullable(str), description: 'The User-Agent of the login that made it.' },
    last_used_at: { ...nullable(timestamp), description: 'Stamped at most once a minute; null when never used.' },
    last_used_ip: { ...nullable(str), description: 'The client address of that last use.' },
    current: { type: 'boolean', description: 'True for the token this request was sent with.' },
  }),
  Session: view<SessionView>("One of the caller's browser sessions.", {
    id: uuid,
    created_at: timestamp,
    expires_at: timestamp,
    user_agent: { ...nullable(str), description: "The browser's User-Agent (known from its first use on)." },
    last_used_at: { ...nullable(timestamp), description: 'Stamped at most once a minute; null when never used.' },
    last_used_ip: { ...nullable(str), description: 'The client address of that last use.' },
    current: { type: 'boolean', description: 'True for the session this request was sent with.' },
  }),
  PersonalToken: view<PersonalTokenView>("One of the caller's personal access tokens (never the token itself).", {
    id: uuid,
    name: str,
    prefix: { ...str, description: 'The first characters of the token, to recognise it.' },
    teams: arrayOf(view<PersonalTokenView['teams'][number]>('A team the token reaches.', { id: uuid, slug: str, name: str })),
    permissions,
    created_at: timestamp,
    expires_at: timestamp,
    last_used_at: { ...nullable(timestamp), description: 'Stamped at most once a minute; null when never used.' },
    last_used_ip: { ...nullable(str), description: 'The client address of that last use.' },
    revoked_at: nullable(timestamp),
    status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
  }),
  PersonalTokenCreated: view<PersonalTokenCreated>('The new personal token; `token` is shown this once.', {
    personal_token: schemaRef('PersonalToken'),
    token: { ...str, pattern: PERSONAL_TOKEN_PATTERN.source, description: 'Send as `Authorization: Bearer <token>`.' },
  }),
  PasswordChanged: view<PasswordChanged>('The password is changed; what it ended.', {
    ended_sessions: { ...int, description: "Browser sessions signed out (every one but this request's)." },
    revoked_login_tokens: { ...int, description: "Login tokens revoked (every one but this request's)." },
  }),
  MemberRemoval: view<MemberRemoval>(
    'The member is removed (with `dry_run`: would be); the API keys they made in the team are revoked.',
    {
      dry_run: { const: true },
      revoked_api_keys: arrayOf(view<RevokedKeyView>('An API key revoked because its creator left.', { id: uuid, name: str, prefix: str })),
    },
    ['dry_run'],
  ),
  Permission: { type: 'string', enum: ALL_PERMISSIONS, description: 'One permission of the fixed list (API.md).' },
  User: view<UserView>('A user (never the password hash).', {
    id: uuid,
    email: { type: 'string', format: 'email' },
    name: nullable(str),
    status: { ...str, description: '`active`, or why the account cannot sign in (e.g. `suspended`).' },
    created_at: timestamp,
  }),
  AuthSession: view<AuthSession>('A bearer login token for scripts, with its user.', {
    user: schemaRef('User'),
    token: { ...str, pattern: LOGIN_TOKEN_PATTERN.source, description: 'Send as `Authorization: Bearer <token>`.' },
    expires_at: timestamp,
  }),
  Me: view<Me>(
    'The caller; for an API key, its creator (null if gone), the key and its one team.',
    {
      user: { oneOf: [schemaRef('User'), { type: 'null' }] },
      api_key: view<NonNullable<Me['api_key']>>('Present when the caller is an API key.', { id: uuid, name: str }),
      teams: arrayOf(
        view<Me['teams'][number]>('A team of the caller.', {
          id: uuid,
          slug: str,
          name: str,
          role: { ...nullable(str), description: "The caller's role name (null for an API key)." },
        }),
      ),
    },
    ['api_key'],
  ),
  Team: view<TeamView>(
    "A team, with the caller's role in it.",
    {
      id: uuid,
      slug: str,
      name: str,
      created_at: timestamp,
      role: { ...nullable(str), description: "The caller's role name (null for an API key whose creator left)." },
      permissions: { ...permissions, description: "The caller's effective permissions (GET /teams/{team} only)." },
    },
    ['permissions'],
  ),
  Member: view<MemberView>('A member of a team.', {
    user_id: uuid,
    email: { type: 'string', format: 'email' },
    name: nullable(str),
    status: str,
    role: view<MemberView['role']>("The member's role.", { id: uuid, name: str }),
    joined_at: timestamp,
  }),
  Role: view<RoleView>('A role: a named set of permissions. Default roles (admin, editor, viewer) cannot be changed.', {
    id: uuid,
    name: str,
    description: nullable(str),
    permissions,
    is_default: { type: 'boolean' },
    member_count: int,
    created_at: timestamp,
  }),
  ApiKey: view<ApiKeyView>('An API key as listed: never the key itself, only its prefix.', {
    id: uuid,
    name: str,
    prefix: { ...str, description: 'The first characters of the key (`bp_1a2b3c4d`), to recognise it.' },
    permissions: { ...permissions, description: "The key's own list; in use it is capped by its creator's current permissions." },
    created_by: {
      oneOf: [
        view<NonNullable<ApiKeyView['created_by']>>("The key's creator.", { id: uuid, name: nullable(str), email: str }),
        { type: 'null' },
      ],
    },
    created_at: timestamp,
    last_used_at: nullable(timestamp),
    expires_at: nullable(timestamp),
    revoked_at: nullable(timestamp),
    status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
  }),
  ApiKeyCreated: view<ApiKeyCreated>('A new key: `key` is in this answer only and never shown again.', {
    api_key: schemaRef('ApiKey'),
    key: { ...str, pattern: API_KEY_PATTERN.source },
  }),
  AuditLog: view<AuditLogView>("One change in the team's history.", {
    id: uuid,
    action: { ...str, description: 'e.g. `member.added`, `blueprint.updated`.' },
    entity_type: str,
    entity_id: str,
    actor: view<AuditLogView['actor']>('Who made the change.', {
      type: { ...str, description: '`user`, `api_key`, or `system` (Baseplate acting for an automation or an integration).' },
      user_id: nullable(uuid),
      api_key_id: nullable(uuid),
      name: nullable(str),
      email: nullable(str),
      api_key_name: nullable(str),
      on_behalf: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'id'],
            description: 'For a `system` change: the automation, integration or action run the system acted for.',
            properties: { type: { type: 'string', enum: ['automation', 'integration', 'run'] }, id: str },
          },
        ],
      },
    }),
    entity: {
      description:
        "An entity's row (`entity_type` `entity`): the entity's identifier, title and blueprint, read when the log is, and whether it still exists; null for other rows.",
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['identifier', 'title', 'blueprint', 'exists'],
          properties: {
            identifier: nullable(str),
            title: nullable(str),
            blueprint: {
              oneOf: [
                { type: 'null' },
                { type: 'object', additionalProperties: false, required: ['id', 'title'], properties: { id: str, title: nullable(str) } },
              ],
            },
            exists: { type: 'boolean' },
          },
        },
      ],
    },
    old_data: { description: 'The state before (JSON, or null), secrets redacted.' },
    new_data: { description: 'The state after (JSON, or null), secrets redacted.' },
    ip_address: nullable(str),
    user_agent: nullable(str),
    request_id: nullable(str),
    created_at: timestamp,
  }),
  Blueprint: view<BlueprintView>("A blueprint: one of the team's entity types.", {
    id: str,
    title: str,
    description: nullable(str),
    icon: nullable(str),
    schema: { type: 'object', description: 'The JSON Schema (draft 2020-12, `type: "object"`) its entities\' `data` must satisfy.' },
    relations: {
      type: 'object',
      description: 'Its relation definitions by id: the links its entities may hold (`relations` of an entity).',
      additionalProperties: {
        type: 'object',
        required: ['title', 'target', 'type', 'required'],
        properties: {
          title: nullable(str),
          target: { ...str, description: "The target blueprint's id (same team)." },
          type: { type: 'string', enum: ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] },
          required: { type: 'boolean' },
        },
      },
    },
    entity_count: int,
    version: { type: 'integer', minimum: 1, description: 'Bumped by every saved change; the ETag is this number in quotes.' },
    created_at: timestamp,
    updated_at: timestamp,
  }),
  BlueprintDeletePreview: view<DryRunReport>('What deleting the blueprint would take with it (nothing was deleted).', {
    dry_run: { const: true },
    blueprint: str,
    would_delete: view<DryRunReport['would_delete']>('Counts of what would go by cascade.', {
      entities: int,
      relations: int,
      relation_definitions: int,
      scorecards: int,
      actions: int,
      integration_mappings: int,
    }),
  }),
  FailingEntities: view<FailingEntities>('The existing entities a new schema would fail (the `details` of that 409).', {
    failing_count: int,
    failing_count_is_lower_bound: { type: 'boolean', description: 'True when counting stopped at 10,000.' },
    sample: arrayOf(
      view<FailingEntities['sample'][number]>('One failing entity.', {
        identifier: str,
        errors: schemaRef('ValidationDetails'),
      }),
    ),
  }),
  Health: view<Health>('Liveness and database reachability.', {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    database: { type: 'string', enum: ['ok', 'unreachable'] },
    version: str,
  }),
};
