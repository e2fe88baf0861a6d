import { headerRef, paramRef, schemaRef } from './components';
import { PUBLIC, SIGNED_IN, json, member, needs, noContent, operation } from './operation';
import { pageOf } from './view-schemas';

// Paths of the identity routes (API.md "Auth and users", "Teams, members, roles, API keys"),
// health, the permission list and this document itself.

const team = [paramRef('Team')];
const page = [paramRef('Limit'), paramRef('Cursor')];

const auditFilter = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  description,
  schema,
});

export const identityPaths = {
  '/api/v1/health': {
    get: operation('get', {
      id: 'getHealth',
      summary: 'Liveness and database reachability',
      tag: 'Health',
      access: PUBLIC,
      responses: {
        200: json('Up, and PostgreSQL answers.', 'Health', { 'Cache-Control': headerRef('Cache-Control') }),
        503: json("Up, but PostgreSQL does not answer within 1.5 s (on a connection of its own, not the app's pool).", 'Health', {
          'Cache-Control': headerRef('Cache-Control'),
        }),
      },
    }),
  },
  '/api/v1/openapi.json': {
    get: operation('get', {
      id: 'getOpenApiDocument',
      summary: 'This OpenAPI 3.1 document',
      tag: 'Meta',
      access: PUBLIC,
      responses: { 200: json('The document.', { type: 'object' }, { 'Cache-Control': headerRef('Cache-Control') }) },
    }),
  },
  '/api/v1/permissions': {
    get: operation('get', {
      id: 'listPermissions',
      summary: 'Every permission and the default roles',
      tag: 'Permissions',
      access: SIGNED_IN,
      responses: {
        200: json('The whole permission list, grouped by area with what each grants, and the default roles.', {
          type: 'object',
          required: ['permissions', 'default_roles'],
          properties: {
            permissions: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'area', 'grants'],
                properties: { name: schemaRef('Permission'), area: { type: 'string' }, grants: { type: 'string' } },
              },
            },
            default_roles: {
              type: 'array',
              items: {
                type: 'object',
                required: ['name', 'description', 'permissions'],
                properties: {
                  name: { type: 'string' },
                  description: { type: 'string' },
                  permissions: { type: 'array', items: schemaRef('Permission') },
                },
              },
            },
          },
        }),
      },
    }),
  },
  '/api/v1/auth/register': {
    post: operation('post', {
      id: 'register',
      summary: 'Create an account',
      description:
        'Answers with a login token for scripts. Rate-limited per IP. The password needs 8 characters, at most 72 bytes in UTF-8 ' +
        '(bcrypt would cut the rest), not only spaces, and not one of the most common passwords: otherwise a 422 on `/password` saying which.',
      tag: 'Auth',
      access: PUBLIC,
      body: 'RegisterBody',
      responses: { 201: json('The account and a login token.', 'AuthSession') },
      errors: ['conflict', 'rate_limited'],
    }),
  },
  '/api/v1/auth/login': {
    post: operation('post', {
      id: 'login',
      summary: 'Exchange email and password for a bearer login token',
      description:
        'Rate-limited per IP and per (email, IP): failures from one address never lock the account elsewhere. ' +
        'A suspended or inactive account is 401.',
      tag: 'Auth',
      access: PUBLIC,
      body: 'LoginBody',
      responses: { 200: json('The user and a login token.', 'AuthSession') },
      errors: ['unauthenticated', 'rate_limited'],
    }),
  },
  '/api/v1/auth/me': {
    get: operation('get', {
      id: 'getMe',
      summary: 'The caller and their teams',
      description: 'For an API key: its creator, the key, and its one team.',
      tag: 'Auth',
      access: SIGNED_IN,
      responses: { 200: json('The caller.', 'Me') },
    }),
    patch: operation('patch', {
      id: 'updateMe',
      summary: "Change the caller's display name",
      description: 'The email stays as registered. API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      body: 'UpdateProfileBody',
      responses: {
        200: json('The user as saved.', { type: 'object', required: ['user'], properties: { user: schemaRef('User') } }),
      },
    }),
  },
  '/api/v1/auth/sessions': {
    get: operation('get', {
      id: 'listSessions',
      summary: "The caller's browser sessions",
      description:
        'Unexpired, newest first, at most 500, each with where and when it was last used (stamped at most once a minute); ' +
        '`current` marks the session of this request. API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      responses: {
        200: json('The sessions.', {
          type: 'object',
          required: ['sessions'],
          properties: { sessions: { type: 'array', items: schemaRef('Session') } },
        }),
      },
      errors: ['forbidden'],
    }),
  },
  '/api/v1/auth/sessions/{session_id}': {
    parameters: [paramRef('SessionId')],
    delete: operation('delete', {
      id: 'revokeSession',
      summary: "Sign one of the caller's browser sessions out",
      description:
        "That browser's next request is signed out (revoking the current session signs this browser out). Another person's " +
        'session is 404. API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      responses: { 204: noContent('Signed out.') },
      errors: ['not_found'],
    }),
  },
  '/api/v1/auth/personal-tokens': {
    get: operation('get', {
      id: 'listPersonalTokens',
      summary: "The caller's personal access tokens",
      description: 'Newest first, at most 200, revoked and expired ones included (`status`). API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      responses: {
        200: json('The tokens.', {
          type: 'object',
          required: ['personal_tokens'],
          properties: { personal_tokens: { type: 'array', items: schemaRef('PersonalToken') } },
        }),
      },
      errors: ['forbidden'],
    }),
    post: operation('post', {
      id: 'createPersonalToken',
      summary: 'Make a personal access token',
      description:
        'A bearer token (`bpp_` + 64 hex) that acts as the caller, only in `team_ids` (teams the caller belongs to; another is ' +
        '422 on `/team_ids/i`) and with at most `permissions`, each of which the caller must hold in one of those teams (422). ' +
        "In each team it never exceeds the person's current role there: a demotion narrows it and a removal ends it there, on " +
        'the next request. Expires after `expires_in_days` (1 to 365). At most 50 active per person (409 `limit_reached`). ' +
        'The token is in this answer only. API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      body: 'CreatePersonalTokenBody',
      responses: { 201: json('The token, shown once.', 'PersonalTokenCreated') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/auth/personal-tokens/{token_id}': {
    parameters: [paramRef('PersonalTokenId')],
    delete: operation('delete', {
      id: 'revokePersonalToken',
      summary: "Revoke one of the caller's personal access tokens",
      description:
        "The token fails from its next request on; it stays listed as revoked. Revoking again is 204. Another person's token is " +
        '404. API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      responses: { 204: noContent('Revoked.') },
      errors: ['not_found'],
    }),
  },
  '/api/v1/auth/tokens': {
    get: operation('get', {
      id: 'listLoginTokens',
      summary: "The caller's unexpired login tokens",
      description:
        'Newest first, at most 500, each with where and when it was last used; `current` marks the token of this request. ' +
        'API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      responses: {
        200: json('The tokens.', {
          type: 'object',
          required: ['login_tokens'],
          properties: { login_tokens: { type: 'array', items: schemaRef('LoginToken') } },
        }),
      },
      errors: ['forbidden'],
    }),
  },
  '/api/v1/auth/tokens/{token_id}': {
    parameters: [paramRef('TokenId')],
    delete: operation('delete', {
      id: 'revokeLoginToken',
      summary: "Revoke one of the caller's login tokens",
      description: "The token fails from the next request on. Another person's token is 404. API keys and personal tokens get 403.",
      tag: 'Auth',
      access: SIGNED_IN,
      responses: { 204: noContent('Revoked.') },
      errors: ['not_found'],
    }),
  },
  '/api/v1/auth/password': {
    post: operation('post', {
      id: 'changePassword',
      summary: "Change the caller's password",
      description:
        'Needs the current password (a wrong one is 422 on `/current_password`, and counts as a failed sign-in). The new one ' +
        'follows the registration rules (422 on `/new_password`). Ends every other browser session and login token of the ' +
        'person; the one this request used stays (personal access tokens stay: each is listed and revoked on its own). ' +
        'API keys and personal tokens get 403.',
      tag: 'Auth',
      access: SIGNED_IN,
      body: 'ChangePasswordBody',
      responses: { 200: json('Changed.', 'PasswordChanged') },
    }),
  },
  '/api/v1/teams': {
    get: operation('get', {
      id: 'listTeams',
      summary: "The caller's teams",
      tag: 'Teams',
      access: SIGNED_IN,
      responses: {
        200: json("The caller's teams, by name (an API key: its own team).", {
          type: 'object',
          required: ['teams'],
          properties: { teams: { type: 'array', items: schemaRef('Team') } },
        }),
      },
    }),
    post: operation('post', {
      id: 'createTeam',
      summary: 'Create a team',
      description: 'The creator becomes its admin; the roles admin, editor and viewer are created. API keys cannot create teams (403).',
      tag: 'Teams',
      access: SIGNED_IN,
      body: 'CreateTeamBody',
      responses: { 201: json('The new team.', 'Team') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}': {
    parameters: team,
    get: operation('get', {
      id: 'getTeam',
      summary: "A team, with the caller's role and permissions in it",
      tag: 'Teams',
      access: member(),
      responses: { 200: json('The team.', 'Team') },
    }),
    patch: operation('patch', {
      id: 'updateTeam',
      summary: 'Rename the team or change its slug',
      tag: 'Teams',
      access: needs('team:manage'),
      body: 'UpdateTeamBody',
      responses: { 200: json('The team as saved.', 'Team') },
      errors: ['conflict'],
    }),
    delete: operation('delete', {
      id: 'deleteTeam',
      summary: 'Delete the team and everything it owns',
      tag: 'Teams',
      access: needs('team:manage'),
      responses: { 204: noContent('Deleted, with everything the team owned.') },
    }),
  },
  '/api/v1/teams/{team}/members': {
    parameters: team,
    get: operation('get', {
      id: 'listMembers',
      summary: "The team's members with their roles",
      tag: 'Members',
      access: member(),
      query: page,
      responses: { 200: json('A page of members, oldest first.', pageOf('members', 'Member')) },
    }),
    post: operation('post', {
      id: 'addMember',
      summary: 'Add an existing user by email with a role',
      description: 'An email no account uses is 404; a role name the team lacks is 422; an existing member is 409.',
      tag: 'Members',
      access: needs('team:manage'),
      body: 'AddMemberBody',
      responses: { 201: json('The new member.', 'Member') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/members/{user_id}': {
    parameters: [...team, paramRef('UserId')],
    patch: operation('patch', {
      id: 'changeMemberRole',
      summary: "Change a member's role",
      description: 'The last member who holds `team:manage` cannot lose it (409, `details.reason` `last_manager`).',
      tag: 'Members',
      access: needs('team:manage'),
      body: 'ChangeMemberBody',
      responses: { 200: json('The member as saved.', 'Member') },
      errors: ['conflict'],
    }),
    delete: operation('delete', {
      id: 'removeMember',
      summary: 'Remove a member and revoke their API keys in the team',
      description:
        'The last member who holds `team:manage` cannot be removed (409, `details.reason` `last_manager`). The API keys the ' +
        'member made in this team are revoked in the same transaction (each audited) and listed in the answer. With ' +
        '`dry_run=true`, answers the keys it would revoke and changes nothing.',
      tag: 'Members',
      access: needs('team:manage'),
      query: [
        {
          name: 'dry_run',
          in: 'query',
          description: 'List the keys removal would revoke; change nothing.',
          schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
        },
      ],
      responses: { 200: json('Removed (or, with dry_run, would be), with the revoked keys.', 'MemberRemoval') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/roles': {
    parameters: team,
    get: operation('get', {
      id: 'listRoles',
      summary: "The team's roles with their permissions and member counts",
      tag: 'Roles',
      access: member(),
      query: page,
      responses: { 200: json('A page of roles, oldest first.', pageOf('roles', 'Role')) },
    }),
    post: operation('post', {
      id: 'createRole',
      summary: 'Create a custom role',
      tag: 'Roles',
      access: needs('team:manage'),
      body: 'CreateRoleBody',
      responses: { 201: json('The new role.', 'Role') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/roles/{role_id}': {
    parameters: [...team, paramRef('RoleId')],
    patch: operation('patch', {
      id: 'updateRole',
      summary: 'Edit a custom role',
      description:
        'Default roles cannot be changed (409); neither can a name another role has. Taking `team:manage` out of the role ' +
        "of the team's only managers is 409 with `details.reason` `last_manager`.",
      tag: 'Roles',
      access: needs('team:manage'),
      body: 'UpdateRoleBody',
      responses: { 200: json('The role as saved.', 'Role') },
      errors: ['conflict'],
    }),
    delete: operation('delete', {
      id: 'deleteRole',
      summary: 'Delete a custom role nobody holds',
      description: 'A default role, or one a member holds, is 409.',
      tag: 'Roles',
      access: needs('team:manage'),
      responses: { 204: noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/api-keys': {
    parameters: team,
    get: operation('get', {
      id: 'listApiKeys',
      summary: "The team's API keys (never the keys themselves)",
      tag: 'API keys',
      access: needs('team:manage'),
      query: page,
      responses: { 200: json('A page of keys, newest first.', pageOf('api_keys', 'ApiKey')) },
    }),
    post: operation('post', {
      id: 'createApiKey',
      summary: 'Create an API key',
      description:
        'The key itself is in this answer only. Only people create keys (a key calling is 403); a permission the creator lacks, or a past expiry, is 422.',
      tag: 'API keys',
      access: needs('team:manage'),
      body: 'CreateApiKeyBody',
      responses: { 201: json("The key's record and the key.", 'ApiKeyCreated') },
    }),
  },
  '/api/v1/teams/{team}/api-keys/{key_id}': {
    parameters: [...team, paramRef('KeyId')],
    delete: operation('delete', {
      id: 'revokeApiKey',
      summary: 'Revoke an API key',
      description: 'At once: its next request gets 401. Revoking a revoked key is a no-op 204.',
      tag: 'API keys',
      access: needs('team:manage'),
      responses: { 204: noContent('Revoked.') },
    }),
  },
  '/api/v1/teams/{team}/audit-logs': {
    parameters: team,
    get: operation('get', {
      id: 'listAuditLogs',
      summary: "The team's change history, newest first",
      tag: 'Audit log',
      access: needs('team:manage'),
      query: [
        auditFilter('entity_type', 'Only changes to this kind of thing (`team`, `member`, `role`, `api_key`, `blueprint`, ...).'),
        auditFilter('entity_id', 'Only changes to this entity.'),
        auditFilter('action', 'Only this action (e.g. `member.added`).'),
        auditFilter('actor_id', 'Only changes by this user or API key.', { type: 'string', format: 'uuid' }),
        auditFilter('since', 'Changes at or after this instant (RFC 3339).', { type: 'string', format: 'date-time' }),
        auditFilter('until', 'Changes before this instant (RFC 3339).', { type: 'string', format: 'date-time' }),
        ...page,
      ],
      responses: { 200: json('A page of audit rows.', pageOf('audit_logs', 'AuditLog')) },
    }),
  },
};
