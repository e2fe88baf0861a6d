import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addMember,
  call,
  createApiKey,
  createBlueprint,
  createRole,
  createTeam,
  db,
  expectError,
  expectJson,
  expireApiKey,
  getJson,
  newApiContext,
  register,
  revokeApiKey,
  setUserStatus,
  sha256Hex,
  unique,
  PASSWORD,
  type Method,
  type Session,
} from './support/api';
import { allows, defaultRolePermissions, type Caller as TableCaller, type EntryPoint } from '../lib/authz/service-permissions';

// The permission matrix of the team routes (docs/API.md): one row per method + path, one
// expected status per caller. Who may call a team route is decided by the service entry point
// behind it, and the expected statuses come from the same table the services are held to
// (lib/authz/service-permissions.ts, tested per entry point x caller in
// service-permissions.int.test.ts), so this matrix and the services cannot disagree. Each row (describe) seeds its own world of users and a team; rows
// that destroy something act on throwaway objects made for that very cell, so no cell can break
// another. The describe runs its cells in order in one worker, so the world is built once per row.
//
// The custom role holds ["entity:read", "team:manage"]: it can manage the team without being
// `admin`, so the table shows that team:manage (not the role's name) is what the routes check, and,
// lacking blueprint:read, it shows that a key cannot be given a permission its creator lacks (422).
//
// Personal access tokens are callers too, all three the admin's: `readPat` reaches the team with
// the viewer's permissions (so it shows the token's own list narrowing an admin), `strayPat` reaches
// only another team of the admin's (404 here, like a key of another team), `revokedPat` is revoked.
// A personal token acts as its person, but cannot create a team nor manage the person's account.

const CALLERS = [
  'admin',
  'editor',
  'viewer',
  'custom',
  'narrowKey', // API key with ["entity:read"], made by the admin
  'manageKey', // API key with ["team:manage"], made by the admin
  'expiredKey', // ["team:manage"], expiry moved into the past in the database
  'revokedKey', // ["team:manage"], revoked through the API
  'suspended', // login token of a user who is an admin of the team, then suspended
  'readPat', // the admin's personal access token: this team, the viewer's permissions
  'strayPat', // the admin's personal access token for another team of theirs only
  'revokedPat', // the admin's personal access token for this team, revoked through the API
  'outsider', // a registered user who is the admin of another team
  'anonymous',
] as const;
type Caller = (typeof CALLERS)[number];
type Expected = Record<Caller, number>;

const CUSTOM_PERMISSIONS = ['entity:read', 'team:manage'];

type TeamFixture = {
  id: string;
  slug: string;
  customRole: string;
  keys: Record<'narrow' | 'manage' | 'expired' | 'revoked', string>;
  pats: Record<'read' | 'revoked', string>;
};
type World = {
  users: Record<'admin' | 'editor' | 'viewer' | 'custom' | 'suspended' | 'outsider', Session>;
  team: TeamFixture;
  strayPat: string;
};

/** A personal access token of `person` reaching `teamIds` with `permissions`. */
async function createPat(api: APIRequestContext, person: string, teamIds: string[], permissions: readonly string[]) {
  const response = await call(api, 'POST', '/auth/personal-tokens', {
    token: person,
    body: { name: unique('pat'), team_ids: teamIds, permissions, expires_in_days: 1 },
  });
  return expectJson<{ personal_token: { id: string }; token: string }>(response, 201, 'personal token');
}

/** A team made by the world's admin with every caller in place (the suspended user as an admin). */
async function makeTeam(api: APIRequestContext, users: World['users']): Promise<TeamFixture> {
  const admin = users.admin.token;
  const team = await createTeam(api, admin);
  const custom = await createRole(api, admin, team.slug, CUSTOM_PERMISSIONS, unique('custom'));
  await addMember(api, admin, team.slug, users.editor.email, 'editor');
  await addMember(api, admin, team.slug, users.viewer.email, 'viewer');
  await addMember(api, admin, team.slug, users.custom.email, custom.name);
  await addMember(api, admin, team.slug, users.suspended.email, 'admin');
  const narrow = await createApiKey(api, admin, team.slug, ['entity:read']);
  const manage = await createApiKey(api, admin, team.slug, ['team:manage']);
  const expired = await createApiKey(api, admin, team.slug, ['team:manage']);
  await expireApiKey(expired.api_key.id);
  const revoked = await createApiKey(api, admin, team.slug, ['team:manage']);
  await revokeApiKey(api, admin, team.slug, revoked.api_key.id);
  const readPat = await createPat(api, admin, [team.id], defaultRolePermissions('viewer'));
  const revokedPat = await createPat(api, admin, [team.id], defaultRolePermissions('admin'));
  expect((await call(api, 'DELETE', `/auth/personal-tokens/${revokedPat.personal_token.id}`, { token: admin })).status()).toBe(204);
  return {
    id: team.id,
    slug: team.slug,
    customRole: custom.name,
    keys: { narrow: narrow.key, manage: manage.key, expired: expired.key, revoked: revoked.key },
    pats: { read: readPat.token, revoked: revokedPat.token },
  };
}

async function makeWorld(api: APIRequestContext): Promise<World> {
  const [admin, editor, viewer, custom, suspended, outsider] = await Promise.all(
    ['admin', 'editor', 'viewer', 'custom', 'suspended', 'outsider'].map((label) => register(api, label)),
  );
  const users = { admin, editor, viewer, custom, suspended, outsider };
  await createTeam(api, outsider.token); // the outsider belongs to a team, just not to ours
  const team = await makeTeam(api, users);
  const elsewhere = await createTeam(api, admin.token); // the admin's other team: all the stray token reaches
  const stray = await createPat(api, admin.token, [elsewhere.id], defaultRolePermissions('admin'));
  await setUserStatus(suspended.user.id, 'suspended');
  return { users, team, strayPat: stray.token };
}

function credential(world: World, team: TeamFixture, caller: Caller): string | undefined {
  switch (caller) {
    case 'narrowKey':
      return team.keys.narrow;
    case 'manageKey':
      return team.keys.manage;
    case 'expiredKey':
      return team.keys.expired;
    case 'revokedKey':
      return team.keys.revoked;
    case 'readPat':
      return team.pats.read;
    case 'revokedPat':
      return team.pats.revoked;
    case 'strayPat':
      return world.strayPat;
    case 'anonymous':
      return undefined;
    default:
      return world.users[caller].token;
  }
}

// --- expected statuses ----------------------------------------------------------------------------

const DEAD = { expiredKey: 401, revokedKey: 401, suspended: 401, revokedPat: 401, anonymous: 401 } as const;

/** A public route: the credentials sent (good, bad or none) play no part. */
const everyone = (ok: number): Expected => Object.fromEntries(CALLERS.map((c) => [c, ok])) as Expected;

/** Any signed-in caller, person or key, member or not. */
const signedIn = (ok: number): Expected => ({ ...everyone(ok), ...DEAD });

/** What each member caller holds in the team, as the table of entry points sees it. */
const GRANTS: Record<'admin' | 'editor' | 'viewer' | 'custom' | 'narrowKey' | 'manageKey' | 'readPat', TableCaller> = {
  admin: { kind: 'user', permissions: defaultRolePermissions('admin') },
  editor: { kind: 'user', permissions: defaultRolePermissions('editor') },
  viewer: { kind: 'user', permissions: defaultRolePermissions('viewer') },
  custom: { kind: 'user', permissions: CUSTOM_PERMISSIONS },
  narrowKey: { kind: 'api_key', permissions: ['entity:read'] }, // made by the admin: its own list
  manageKey: { kind: 'api_key', permissions: ['team:manage'] },
  readPat: { kind: 'user', permissions: defaultRolePermissions('viewer') }, // the admin, narrowed by the token
};

/**
 * A route served by `entry`: `ok` for every caller the table allows, 403 for the other members and
 * keys; under /teams/{team} a non-member never learns the team exists (404).
 */
function served(entry: EntryPoint, ok: number): Expected {
  const cell = (caller: keyof typeof GRANTS) => (allows(entry, GRANTS[caller]) ? ok : 403);
  return {
    admin: cell('admin'),
    editor: cell('editor'),
    viewer: cell('viewer'),
    custom: cell('custom'),
    narrowKey: cell('narrowKey'),
    manageKey: cell('manageKey'),
    outsider: OUTSIDE_A_TEAM.has(entry) ? cellOutsider(entry, ok) : 404,
    // A personal token reaches only its teams: it cannot create one nor join one; the stray one's only team is not this.
    readPat: entry === 'createTeam' || entry === 'acceptInvitation' ? 403 : cell('readPat'),
    strayPat: entry === 'createTeam' || entry === 'acceptInvitation' ? 403 : entry === 'listMyTeams' ? ok : 404,
    ...DEAD,
  };
}

/** Entry points whose routes are not under /teams/{team}: the outsider is no stranger there. */
const OUTSIDE_A_TEAM = new Set<EntryPoint>(['createTeam', 'listMyTeams', 'acceptInvitation']);

/**
 * A route of the person's own account (sessions, tokens, name): any person, signed in or by a
 * login token; API keys and personal access tokens get 403.
 */
const person = (ok: number): Expected => ({ ...signedIn(ok), narrowKey: 403, manageKey: 403, readPat: 403, strayPat: 403 });

/** The outsider is signed in: outside a team, the table's answer for a person. */
const cellOutsider = (entry: EntryPoint, ok: number) => (allows(entry, { kind: 'user', permissions: [] }) ? ok : 403);

// --- the table ------------------------------------------------------------------------------------

type CellContext = { api: APIRequestContext; world: World; team: TeamFixture; caller: Caller };
type Row = {
  method: Method;
  path: string;
  /** Each cell gets a team of its own (the row deletes the team). */
  freshTeam?: boolean;
  note?: string;
  /** The URL and body of one cell, after making whatever that cell may destroy. */
  cell: (ctx: CellContext) => Promise<{ path: string; body?: unknown }>;
  expected: Expected;
};

/** A route whose service calls several entry points: allowed where every one of them is. */
function servedAll(entries: EntryPoint[], ok: number): Expected {
  const each = entries.map((e) => served(e, ok));
  return Object.fromEntries(CALLERS.map((c) => [c, each.find((x) => x[c] !== ok)?.[c] ?? ok])) as Expected;
}

/** A blueprint made by the admin for one cell (the search routes read it). */
async function cellBlueprint(ctx: CellContext): Promise<string> {
  const id = unique('bp')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40);
  await createBlueprint(ctx.api, ctx.world.users.admin.token, ctx.team.slug, {
    id,
    schema: { type: 'object', properties: { status: { type: 'string', enum: ['on', 'off'] } } },
  });
  return id;
}

/** A user registered for one cell and made a viewer of the team (a target to change or remove). */
async function throwawayMember(ctx: CellContext): Promise<string> {
  const user = await register(ctx.api, 'target');
  await addMember(ctx.api, ctx.world.users.admin.token, ctx.team.slug, user.email, 'viewer');
  return user.user.id;
}

/** A group made by the admin for one cell (a target to read, change or delete): its identifier. */
async function throwawayGroup(ctx: CellContext): Promise<string> {
  const identifier = unique('g');
  const res = await call(ctx.api, 'POST', `/teams/${ctx.team.slug}/groups`, {
    token: ctx.world.users.admin.token,
    body: { identifier, title: 'Cell group' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return identifier;
}

/** A group with the throwaway member in it: the group's URL and the member's id. */
async function throwawayGroupMember(ctx: CellContext): Promise<{ group: string; userId: string }> {
  const group = await throwawayGroup(ctx);
  const userId = await throwawayMember(ctx);
  const res = await call(ctx.api, 'POST', `/teams/${ctx.team.slug}/groups/${group}/members`, {
    token: ctx.world.users.admin.token,
    body: { user_id: userId },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { group, userId };
}

/** A blueprint and an entity at version 2 made for one cell, so each caller restores its own. */
async function throwawayEntity(ctx: CellContext): Promise<string> {
  const admin = ctx.world.users.admin.token;
  const blueprint = await createBlueprint(ctx.api, admin, ctx.team.slug, {
    id: unique('bp'),
    schema: { type: 'object', properties: { n: { type: 'integer' } } },
  });
  const base = `/teams/${ctx.team.slug}/blueprints/${blueprint.id}/entities`;
  expect((await call(ctx.api, 'POST', base, { token: admin, body: { identifier: 'svc/a', data: { n: 1 } } })).status()).toBe(201);
  expect((await call(ctx.api, 'PATCH', `${base}/svc%2Fa`, { token: admin, body: { data: { n: 2 } } })).status()).toBe(200);
  return `${base}/svc%2Fa`;
}

/** An action made for one cell (a create action on a blueprint of its own; its runs wait for an approval the requester may give). */
async function cellRunAction(ctx: CellContext): Promise<string> {
  const blueprint = await cellBlueprint(ctx);
  const identifier = unique('act').slice(0, 100);
  await db().query(
    `INSERT INTO actions (team_id, identifier, title, blueprint_id, trigger_type, trigger_config, steps)
     VALUES ($1, $2, 'Act', $3, 'create', $4, '[]')`,
    [ctx.team.id, identifier, blueprint, JSON.stringify({ condition: null, approval: { required: true, allow_self: true } })],
  );
  return identifier;
}

/** A run of a cell's action asked by the admin (waiting for an approval): its URL. */
async function cellRun(ctx: CellContext): Promise<string> {
  const path = `/teams/${ctx.team.slug}/actions/${await cellRunAction(ctx)}/runs`;
  const response = await call(ctx.api, 'POST', path, { token: ctx.world.users.admin.token, body: { inputs: {} } });
  expect(response.status(), await response.text()).toBe(202);
  return `/teams/${ctx.team.slug}/runs/${((await response.json()) as { id: string }).id}`;
}

const viewBody = (shared: boolean) => ({
  identifier: unique('v')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40),
  title: 'View',
  shared,
});

/** A shared view made by the admin for one cell, on a blueprint of its own: its URL. */
async function sharedView(ctx: CellContext): Promise<string> {
  const base = `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/views`;
  const body = viewBody(true);
  expect((await call(ctx.api, 'POST', base, { token: ctx.world.users.admin.token, body })).status()).toBe(201);
  return `${base}/${body.identifier}`;
}

const cellId = (prefix: string) =>
  unique(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 40);

/** An action body on `blueprint` (a day-2 action with one approval step). */
const actionBody = (blueprint: string) => ({
  identifier: cellId('act'),
  title: 'Act',
  blueprint,
  trigger: 'day-2',
  user_inputs: { type: 'object', properties: {} },
  steps: [{ type: 'approval' }],
});

/** An action made by the admin for one cell, on a blueprint of its own: its URL. */
async function cellAction(ctx: CellContext): Promise<string> {
  const body = actionBody(await cellBlueprint(ctx));
  const path = `/teams/${ctx.team.slug}/actions`;
  expect((await call(ctx.api, 'POST', path, { token: ctx.world.users.admin.token, body })).status()).toBe(201);
  return `${path}/${body.identifier}`;
}

/** An integration body mapping items onto `blueprint`. */
const integrationBody = (blueprint: string) => ({
  identifier: cellId('int'),
  title: 'Int',
  kind: 'webhook',
  mappings: [{ blueprint, entity: { identifier: 'name' } }],
});

/** An integration made by the admin for one cell, on a blueprint of its own: its URL. */
async function cellIntegration(ctx: CellContext): Promise<string> {
  const body = integrationBody(await cellBlueprint(ctx));
  const path = `/teams/${ctx.team.slug}/integrations`;
  expect((await call(ctx.api, 'POST', path, { token: ctx.world.users.admin.token, body })).status()).toBe(201);
  return `${path}/${body.identifier}`;
}

/** An automation made by the admin for one cell (running an action of its own): its URL. */
async function cellAutomation(ctx: CellContext): Promise<string> {
  const action = (await cellAction(ctx)).split('/').pop();
  const body = { identifier: cellId('auto'), title: 'Auto', on: { event: 'entity.created' }, action };
  const path = `/teams/${ctx.team.slug}/automations`;
  expect((await call(ctx.api, 'POST', path, { token: ctx.world.users.admin.token, body })).status()).toBe(201);
  return `${path}/${body.identifier}`;
}

/** An entity made by the admin for one cell: its URL. */
async function cellEntity(ctx: CellContext): Promise<string> {
  const base = `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/entities`;
  expect(
    (await call(ctx.api, 'POST', base, { token: ctx.world.users.admin.token, body: { identifier: 'svc-a', data: {} } })).status(),
  ).toBe(201);
  return `${base}/svc-a`;
}

/** The person a cell acts on: the caller when it is a signed-in person, else the admin (whose things a key or token aims at). */
function personOfCell({ world, caller }: CellContext): Session {
  const people = ['admin', 'editor', 'viewer', 'custom', 'outsider'] as const;
  return world.users[(people as readonly string[]).includes(caller) ? (caller as (typeof people)[number]) : 'admin'];
}

/** A browser session or login token row of the cell's person (as sign-in or login makes one): its id. */
async function ownRow({ api, world, team, caller }: CellContext, table: 'user_sessions' | 'login_tokens'): Promise<string> {
  const owner = personOfCell({ api, world, team, caller });
  const hash = table === 'login_tokens' ? sha256Hex(unique('t')) : null;
  const { rows } = await db().query<{ id: string }>(
    table === 'login_tokens'
      ? `INSERT INTO login_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day') RETURNING id`
      : `INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
    table === 'login_tokens' ? [owner.user.id, hash] : [owner.user.id],
  );
  return rows[0].id;
}

/** Saved views: the members that pass entity:read but lack entity:write for a shared view. */
const WITHOUT_ENTITY_WRITE = { viewer: 403, custom: 403, narrowKey: 403, readPat: 403 } as const;

const ROWS: Row[] = [
  {
    method: 'POST',
    path: '/auth/register',
    cell: async () => ({ path: '/auth/register', body: { email: `${unique('reg')}@example.com`, password: PASSWORD, name: 'New' } }),
    expected: everyone(201),
  },
  {
    method: 'POST',
    path: '/auth/login',
    cell: async ({ api }) => {
      const user = await register(api, 'login'); // one user per cell: the per-email login limit stays far away
      return { path: '/auth/login', body: { email: user.email, password: user.password } };
    },
    expected: everyone(200),
  },
  { method: 'GET', path: '/auth/me', cell: async () => ({ path: '/auth/me' }), expected: signedIn(200) },
  { method: 'PATCH', path: '/auth/me', cell: async () => ({ path: '/auth/me', body: { name: 'Renamed' } }), expected: person(200) },
  { method: 'GET', path: '/auth/sessions', cell: async () => ({ path: '/auth/sessions' }), expected: person(200) },
  {
    method: 'DELETE',
    path: '/auth/sessions/{session_id}',
    note: "a person revokes a session of their own; the others aim at the admin's",
    cell: async (ctx) => ({ path: `/auth/sessions/${await ownRow(ctx, 'user_sessions')}` }),
    expected: person(204),
  },
  { method: 'GET', path: '/auth/tokens', cell: async () => ({ path: '/auth/tokens' }), expected: person(200) },
  {
    method: 'DELETE',
    path: '/auth/tokens/{token_id}',
    note: "a person revokes a login token of their own; the others aim at the admin's",
    cell: async (ctx) => ({ path: `/auth/tokens/${await ownRow(ctx, 'login_tokens')}` }),
    expected: person(204),
  },
  { method: 'GET', path: '/auth/personal-tokens', cell: async () => ({ path: '/auth/personal-tokens' }), expected: person(200) },
  {
    method: 'POST',
    path: '/auth/personal-tokens',
    note: 'the outsider is not in the team the token names (422)',
    cell: async ({ team }) => ({
      path: '/auth/personal-tokens',
      body: { name: 'script', team_ids: [team.id], permissions: ['entity:read'], expires_in_days: 7 },
    }),
    expected: { ...person(201), outsider: 422 },
  },
  {
    method: 'DELETE',
    path: '/auth/personal-tokens/{token_id}',
    note: "a person revokes a token of their own; the others aim at the admin's",
    cell: async (ctx) => {
      const owner = personOfCell(ctx);
      const teamIds = [(await getJson<{ teams: Array<{ id: string }> }>(ctx.api, owner.token, '/teams')).teams[0].id];
      const pat = await createPat(ctx.api, owner.token, teamIds, ['entity:read']);
      return { path: `/auth/personal-tokens/${pat.personal_token.id}` };
    },
    expected: person(204),
  },
  { method: 'GET', path: '/permissions', cell: async () => ({ path: '/permissions' }), expected: signedIn(200) },
  { method: 'GET', path: '/teams', cell: async () => ({ path: '/teams' }), expected: served('listMyTeams', 200) },
  {
    method: 'POST',
    path: '/teams',
    note: 'API keys belong to one team and cannot create teams',
    cell: async () => {
      const slug = unique('new');
      return { path: '/teams', body: { name: `Team ${slug}`, slug } };
    },
    expected: served('createTeam', 201),
  },
  { method: 'GET', path: '/teams/{team}', cell: async ({ team }) => ({ path: `/teams/${team.slug}` }), expected: served('getTeam', 200) },
  {
    method: 'PATCH',
    path: '/teams/{team}',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}`, body: { name: `Renamed ${unique('n')}` } }),
    expected: served('updateTeam', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}',
    freshTeam: true,
    cell: async ({ team }) => ({ path: `/teams/${team.slug}` }),
    expected: served('deleteTeam', 204),
  },
  {
    method: 'GET',
    path: '/teams/{team}/members',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/members` }),
    expected: served('listMembers', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/members',
    cell: async ({ api, team }) => {
      const user = await register(api, 'joiner');
      return { path: `/teams/${team.slug}/members`, body: { email: user.email, role: 'viewer' } };
    },
    expected: served('addMember', 201),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/members/{user_id}',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/members/${await throwawayMember(ctx)}`, body: { role: 'editor' } }),
    expected: served('changeMemberRole', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/members/{user_id}',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/members/${await throwawayMember(ctx)}` }),
    expected: served('removeMember', 200), // answers the API keys the removal revoked
  },
  {
    method: 'GET',
    path: '/teams/{team}/group-mappings',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/group-mappings` }),
    expected: served('listGroupMappings', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/group-mappings',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/group-mappings`, body: { group: unique('group'), role: 'viewer' } }),
    expected: served('createGroupMapping', 201),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/group-mappings/{mapping_id}',
    cell: async ({ api, world, team }) => {
      const res = await call(api, 'POST', `/teams/${team.slug}/group-mappings`, {
        token: world.users.admin.token,
        body: { group: unique('group'), role: 'viewer' },
      });
      const mapping = await expectJson<{ id: string }>(res, 201, 'group mapping to delete');
      return { path: `/teams/${team.slug}/group-mappings/${mapping.id}` };
    },
    expected: served('deleteGroupMapping', 204),
  },
  {
    method: 'GET',
    path: '/teams/{team}/roles',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/roles` }),
    expected: served('listRoles', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/roles',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/roles`, body: { name: unique('role'), permissions: ['entity:read'] } }),
    expected: served('createRole', 201),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/roles/{role_id}',
    cell: async ({ api, world, team }) => {
      const role = await createRole(api, world.users.admin.token, team.slug, ['entity:read']);
      return {
        path: `/teams/${team.slug}/roles/${role.id}`,
        body: { description: 'changed', permissions: ['entity:read', 'blueprint:read'] },
      };
    },
    expected: served('updateRole', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/roles/{role_id}',
    cell: async ({ api, world, team }) => {
      const role = await createRole(api, world.users.admin.token, team.slug, ['entity:read']);
      return { path: `/teams/${team.slug}/roles/${role.id}` };
    },
    expected: served('deleteRole', 204),
  },
  {
    method: 'GET',
    path: '/teams/{team}/groups',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/groups` }),
    expected: served('listGroups', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/groups',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/groups`, body: { identifier: unique('g'), title: 'New group' } }),
    expected: served('createGroup', 201),
  },
  {
    method: 'GET',
    path: '/teams/{team}/groups/{group}',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/groups/${await throwawayGroup(ctx)}` }),
    expected: served('getGroup', 200),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/groups/{group}',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/groups/${await throwawayGroup(ctx)}`, body: { title: 'Renamed' } }),
    expected: served('updateGroup', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/groups/{group}',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/groups/${await throwawayGroup(ctx)}` }),
    expected: served('deleteGroup', 200), // answers how many entities the group owned
  },
  {
    method: 'GET',
    path: '/teams/{team}/groups/{group}/members',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/groups/${await throwawayGroup(ctx)}/members` }),
    expected: served('listGroupMembers', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/groups/{group}/members',
    cell: async (ctx) => ({
      path: `/teams/${ctx.team.slug}/groups/${await throwawayGroup(ctx)}/members`,
      body: { user_id: await throwawayMember(ctx) },
    }),
    expected: served('addGroupMember', 201),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/groups/{group}/members/{user_id}',
    cell: async (ctx) => {
      const { group, userId } = await throwawayGroupMember(ctx);
      return { path: `/teams/${ctx.team.slug}/groups/${group}/members/${userId}` };
    },
    expected: served('removeGroupMember', 204),
  },
  {
    method: 'GET',
    path: '/teams/{team}/api-keys',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/api-keys` }),
    expected: served('listApiKeys', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/api-keys',
    note: 'only people create keys: a key, even with team:manage, gets 403',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/api-keys`, body: { name: unique('key'), permissions: ['entity:read'] } }),
    expected: served('createApiKey', 201),
  },
  {
    method: 'POST',
    path: '/teams/{team}/api-keys (blueprint:read, beyond the custom role)',
    note: 'a key cannot get a permission its creator lacks: the custom role has no blueprint:read',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/api-keys`, body: { name: unique('key'), permissions: ['blueprint:read'] } }),
    expected: { ...served('createApiKey', 201), custom: 422 },
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/api-keys/{key_id}',
    cell: async ({ api, world, team }) => {
      const key = await createApiKey(api, world.users.admin.token, team.slug, ['entity:read']);
      return { path: `/teams/${team.slug}/api-keys/${key.api_key.id}` };
    },
    expected: served('revokeApiKey', 204),
  },
  {
    method: 'GET',
    path: '/teams/{team}/invitations',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/invitations` }),
    expected: served('listInvitations', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/invitations',
    note: 'only people invite: a key, even with team:manage, gets 403',
    cell: async ({ team }) => ({
      path: `/teams/${team.slug}/invitations`,
      body: { email: `${unique('inv')}@example.com`, role: team.customRole },
    }),
    expected: served('createInvitation', 201),
  },
  {
    method: 'POST',
    path: '/teams/{team}/invitations (viewer, beyond the custom role)',
    note: 'the role granted cannot exceed the inviter: the custom role has no blueprint:read, which viewer grants',
    cell: async ({ team }) => ({
      path: `/teams/${team.slug}/invitations`,
      body: { email: `${unique('inv')}@example.com`, role: 'viewer' },
    }),
    expected: { ...served('createInvitation', 201), custom: 403 },
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/invitations/{invitation_id}',
    cell: async ({ api, world, team }) => {
      const created = await call(api, 'POST', `/teams/${team.slug}/invitations`, {
        token: world.users.admin.token,
        body: { email: `${unique('inv')}@example.com`, role: 'viewer' },
      });
      expect(created.status(), await created.text()).toBe(201);
      return { path: `/teams/${team.slug}/invitations/${((await created.json()) as { invitation: { id: string } }).invitation.id}` };
    },
    expected: served('revokeInvitation', 204),
  },
  {
    method: 'POST',
    path: '/invitations/accept',
    note: "an invitation to a team of someone else's, sent to the caller's email (a key's: to a new address)",
    cell: async ({ api, world, caller }) => {
      const host = await register(api, 'host');
      const hostTeam = await createTeam(api, host.token);
      const email = caller in world.users ? world.users[caller as keyof World['users']].email : `${unique('inv')}@example.com`;
      const created = await call(api, 'POST', `/teams/${hostTeam.slug}/invitations`, {
        token: host.token,
        body: { email, role: 'viewer' },
      });
      expect(created.status(), await created.text()).toBe(201);
      return { path: '/invitations/accept', body: { token: ((await created.json()) as { token: string }).token } };
    },
    expected: served('acceptInvitation', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/restore',
    cell: async (ctx) => ({ path: `${await throwawayEntity(ctx)}/restore`, body: { version: 1 } }),
    expected: served('restoreEntity', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities/bulk-patch',
    cell: async (ctx) => ({
      path: `${(await throwawayEntity(ctx)).replace(/\/svc%2Fa$/, '')}/bulk-patch`,
      body: { identifiers: ['svc/a'], patch: { data: { n: 7 } } },
    }),
    expected: served('bulkPatchEntities', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities/bulk-delete',
    cell: async (ctx) => ({
      path: `${(await throwawayEntity(ctx)).replace(/\/svc%2Fa$/, '')}/bulk-delete`,
      body: { identifiers: ['svc/a'] },
    }),
    expected: served('bulkDeleteEntities', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/graph',
    cell: async (ctx) => ({ path: `${await throwawayEntity(ctx)}/graph?direction=both&max_hops=2` }),
    expected: served('getEntityGraph', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/openapi.json',
    note: 'blueprint:read: the default roles have it; the custom role and both keys do not',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/openapi.json` }),
    expected: served('getTeamOpenApi', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/export?blueprint=&query=',
    cell: async (ctx) => {
      const query = encodeURIComponent(JSON.stringify({ rules: [{ property: 'status', operator: '=', value: 'on' }] }));
      return { path: `/teams/${ctx.team.slug}/export?format=json&blueprint=${await cellBlueprint(ctx)}&query=${query}` };
    },
    expected: served('exportCatalog', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/export?include=blueprints',
    note: 'the blueprints part also needs blueprint:read: the custom role and the narrow key hold entity:read only',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/export?include=blueprints` }),
    expected: servedAll(['exportCatalog', 'exportBlueprintsFile'], 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/export?only=blueprints',
    note: 'the blueprints document alone needs blueprint:read, not entity:read',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/export?only=blueprints` }),
    expected: served('exportBlueprintsFile', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/import',
    note: 'entity:write; the blueprint exists, so blueprint:write is not needed',
    cell: async (ctx) => {
      const blueprint = await cellBlueprint(ctx);
      return { path: `/teams/${ctx.team.slug}/import`, body: [{ blueprint, identifier: unique('imp'), properties: { status: 'on' } }] };
    },
    expected: served('importCatalog', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities?sort=&q=',
    cell: async (ctx) => ({
      path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/entities?sort=-updated_at,data.status&q=x`,
    }),
    expected: served('listBlueprintEntities', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities/search',
    note: 'a read: POST only because the query is a JSON body',
    cell: async (ctx) => ({
      path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/entities/search`,
      body: { query: { rules: [{ property: 'status', operator: '=', value: 'on' }] }, sort: [{ property: '$title', order: 'asc' }] },
    }),
    expected: served('searchEntities', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}/facets',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/facets?property=status` }),
    expected: served('facetEntities', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/facets',
    cell: async (ctx) => ({
      path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/facets`,
      body: { property: 'status', query: { rules: [] } },
    }),
    expected: served('facetEntities', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/audit-logs',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/audit-logs` }),
    expected: served('listAuditLogs', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/search',
    note: 'quick search needs entity:read: every role and the narrow key have it, the team:manage key does not',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/search?q=svc&limit=5` }),
    expected: served('searchTeamEntities', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/events',
    note: 'the change feed needs entity:read, like the entities it describes',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/events?limit=5` }),
    expected: served('listTeamEvents', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}',
    note: 'the schema needs blueprint:read: the custom role (entity:read, team:manage) and both keys lack it',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}` }),
    expected: served('getBlueprint', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}/views',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/views` }),
    expected: served('listSavedViews', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/views (private)',
    note: "a private view needs entity:read only; the narrow key's is its creator's",
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/views`, body: viewBody(false) }),
    expected: served('createSavedView', 201),
  },
  {
    method: 'POST',
    path: '/teams/{team}/blueprints/{blueprint_id}/views (shared)',
    note: 'sharing a view also needs entity:write',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/blueprints/${await cellBlueprint(ctx)}/views`, body: viewBody(true) }),
    expected: { ...served('createSavedView', 201), ...WITHOUT_ENTITY_WRITE },
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}/views/{view_id}',
    cell: async (ctx) => ({ path: await sharedView(ctx) }),
    expected: served('getSavedView', 200),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/blueprints/{blueprint_id}/views/{view_id} (shared)',
    note: 'changing a shared view also needs entity:write',
    cell: async (ctx) => ({ path: await sharedView(ctx), body: { title: 'Renamed' } }),
    expected: { ...served('updateSavedView', 200), ...WITHOUT_ENTITY_WRITE },
  },
  {
    method: 'PUT',
    path: '/teams/{team}/blueprints/{blueprint_id}/views/{view_id} (shared)',
    cell: async (ctx) => ({ path: await sharedView(ctx), body: { title: 'Replaced', shared: true } }),
    expected: { ...served('updateSavedView', 200), ...WITHOUT_ENTITY_WRITE },
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/blueprints/{blueprint_id}/views/{view_id} (shared)',
    cell: async (ctx) => ({ path: await sharedView(ctx) }),
    expected: { ...served('deleteSavedView', 204), ...WITHOUT_ENTITY_WRITE },
  },
  {
    method: 'GET',
    path: '/teams/{team}/actions',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/actions` }),
    expected: served('listActions', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/actions',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/actions`, body: actionBody(await cellBlueprint(ctx)) }),
    expected: served('createAction', 201),
  },
  {
    method: 'GET',
    path: '/teams/{team}/actions/{action_id}',
    cell: async (ctx) => ({ path: await cellAction(ctx) }),
    expected: served('getAction', 200),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/actions/{action_id}',
    cell: async (ctx) => ({ path: await cellAction(ctx), body: { title: 'Renamed' } }),
    expected: served('updateAction', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/actions/{action_id}',
    cell: async (ctx) => ({ path: await cellAction(ctx) }),
    expected: served('deleteAction', 204),
  },
  {
    method: 'POST',
    path: '/teams/{team}/actions/{action_id}/rotate-secret',
    cell: async (ctx) => ({ path: `${await cellAction(ctx)}/rotate-secret` }),
    expected: served('rotateActionSecret', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/actions',
    note: 'the offered actions need action:read (and entity:read, which every holder of action:read here has)',
    cell: async (ctx) => ({ path: `${await cellEntity(ctx)}/actions` }),
    expected: served('listActionsOffered', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/integrations',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/integrations` }),
    expected: served('listIntegrations', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/integrations',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/integrations`, body: integrationBody(await cellBlueprint(ctx)) }),
    expected: served('createIntegration', 201),
  },
  {
    method: 'GET',
    path: '/teams/{team}/integrations/{integration_id}',
    cell: async (ctx) => ({ path: await cellIntegration(ctx) }),
    expected: served('getIntegration', 200),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/integrations/{integration_id}',
    cell: async (ctx) => ({ path: await cellIntegration(ctx), body: { title: 'Renamed' } }),
    expected: served('updateIntegration', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/integrations/{integration_id}',
    cell: async (ctx) => ({ path: await cellIntegration(ctx) }),
    expected: served('deleteIntegration', 204),
  },
  {
    method: 'POST',
    path: '/teams/{team}/integrations/{integration_id}/rotate-secret',
    cell: async (ctx) => ({ path: `${await cellIntegration(ctx)}/rotate-secret` }),
    expected: served('rotateIntegrationSecret', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/integrations/{integration_id}/sync',
    cell: async (ctx) => ({ path: `${await cellIntegration(ctx)}/sync`, body: { items: [{ name: 'synced' }] } }),
    expected: served('syncIntegration', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/integrations/{integration_id}/pull',
    // The cell's integration is a webhook one: a caller past the permission check gets 409 not_pullable.
    cell: async (ctx) => ({ path: `${await cellIntegration(ctx)}/pull?dry_run=true` }),
    expected: served('pullIntegration', 409),
  },
  {
    method: 'GET',
    path: '/teams/{team}/integrations/{integration_id}/syncs',
    cell: async (ctx) => ({ path: `${await cellIntegration(ctx)}/syncs` }),
    expected: served('listIntegrationSyncs', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/automations',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/automations` }),
    expected: served('listAutomations', 200),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/automations/{automation_id}',
    cell: async (ctx) => ({ path: await cellAutomation(ctx), body: { enabled: false } }),
    expected: served('updateAutomation', 200),
  },
  {
    method: 'DELETE',
    path: '/teams/{team}/automations/{automation_id}',
    cell: async (ctx) => ({ path: await cellAutomation(ctx) }),
    expected: served('deleteAutomation', 204),
  },
  {
    method: 'POST',
    path: '/teams/{team}/actions/{action_id}/runs',
    cell: async (ctx) => ({ path: `/teams/${ctx.team.slug}/actions/${await cellRunAction(ctx)}/runs`, body: { inputs: {} } }),
    expected: served('requestRun', 202),
  },
  {
    method: 'GET',
    path: '/teams/{team}/runs',
    cell: async ({ team }) => ({ path: `/teams/${team.slug}/runs?status=waiting_approval` }),
    expected: served('listRuns', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/runs/{run_id}',
    cell: async (ctx) => ({ path: await cellRun(ctx) }),
    expected: served('getRun', 200),
  },
  {
    method: 'PATCH',
    path: '/teams/{team}/runs/{run_id}',
    cell: async (ctx) => ({ path: await cellRun(ctx), body: { summary: 'seen' } }),
    expected: served('reportRun', 200),
  },
  {
    method: 'GET',
    path: '/teams/{team}/runs/{run_id}/logs',
    cell: async (ctx) => ({ path: `${await cellRun(ctx)}/logs` }),
    expected: served('listRunLogs', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/runs/{run_id}/logs',
    cell: async (ctx) => ({ path: `${await cellRun(ctx)}/logs`, body: { message: 'hello' } }),
    expected: served('postRunLog', 204),
  },
  {
    method: 'POST',
    path: '/teams/{team}/runs/{run_id}/approval',
    note: 'the admin asked every run and the action allows self-approval',
    cell: async (ctx) => ({ path: `${await cellRun(ctx)}/approval`, body: { decision: 'approve' } }),
    expected: served('decideRunApproval', 200),
  },
  {
    method: 'POST',
    path: '/teams/{team}/runs/{run_id}/cancel',
    cell: async (ctx) => ({ path: `${await cellRun(ctx)}/cancel` }),
    expected: served('cancelRun', 200),
  },
];

const PUBLIC = new Set(['/auth/register', '/auth/login']);
const UNAUTHENTICATED = new Set<Caller>(['expiredKey', 'revokedKey', 'suspended', 'revokedPat', 'anonymous']);

for (const row of ROWS) {
  const route = `${row.method} ${row.path}`;
  test.describe(route, () => {
    // One world per row, its cells in order in one worker; a failed cell restarts the worker and
    // the rest of the row runs against a new world.
    test.describe.configure({ mode: 'default' });
    let api: APIRequestContext;
    let world: World;

    test.beforeAll(async () => {
      test.setTimeout(60_000);
      api = await newApiContext();
      world = await makeWorld(api);
    });
    test.afterAll(async () => {
      await api?.dispose();
    });

    for (const caller of CALLERS) {
      const expected = row.expected[caller];
      test(`${route} as ${caller} → ${expected}`, async () => {
        const label = `${route} as ${caller}${row.note ? ` (${row.note})` : ''}`;
        const team = row.freshTeam ? await makeTeam(api, world.users) : world.team;
        const { path, body } = await row.cell({ api, world, team, caller });
        const response = await call(api, row.method, path, { token: credential(world, team, caller), body });

        if (expected >= 400) {
          await expectError(response, expected, label);
        } else {
          expect(response.status(), `${label}: ${await response.text()}`).toBe(expected);
          if (expected === 204) expect(await response.text(), `${label}: a 204 has no body`).toBe('');
          else expect(typeof (await response.json()), `${label}: JSON body`).toBe('object');
        }
        // API.md: rate limits are counted per key or user and announced on every authenticated answer.
        if (!PUBLIC.has(row.path) && !UNAUTHENTICATED.has(caller)) {
          expect(response.headers()['ratelimit-limit'], `${label}: RateLimit-Limit header`).toMatch(/^\d+$/);
          expect(response.headers()['ratelimit-remaining'], `${label}: RateLimit-Remaining header`).toMatch(/^\d+$/);
        }
      });
    }
  });
}
