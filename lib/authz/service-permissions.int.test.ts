import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiKey, listApiKeys, revokeApiKey } from '@/lib/api-keys/api-key-service';
import { listAuditLogs } from '@/lib/audit/list-audit-logs';
import {
  createBlueprint,
  deleteBlueprint,
  getBlueprint,
  listBlueprints,
  previewDeleteBlueprint,
  updateBlueprint,
} from '@/lib/blueprints/blueprint-service';
import { listBlueprintSummaries } from '@/lib/blueprints/list-blueprints';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { bulkDeleteEntities } from '@/lib/entities/bulk-delete-entities';
import { bulkPatchEntities } from '@/lib/entities/bulk-patch-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity, previewDeleteEntity } from '@/lib/entities/delete-entity';
import { getEntity } from '@/lib/entities/get-entity';
import { listBlueprintEntities } from '@/lib/entities/list-blueprint-entities';
import { listEntityHistory } from '@/lib/entities/list-entity-history';
import { listRecentEntities } from '@/lib/entities/list-recent-entities';
import { countEntityWrites } from '@/lib/team-home/count-entity-writes';
import { listMostConnected } from '@/lib/team-home/list-most-connected';
import { listRecentRuns } from '@/lib/team-home/list-recent-runs';
import { summarizeTeamScorecards } from '@/lib/team-home/summarize-team-scorecards';
import { restoreEntity } from '@/lib/entities/restore-entity';
import { patchEntity, replaceEntity } from '@/lib/entities/update-entity';
import { AppError, reasonOf } from '@/lib/errors';
import { createGroupMapping, deleteGroupMapping, listGroupMappings } from '@/lib/group-mappings/group-mapping-service';
import { addMember, changeMemberRole, listMembers, removeMember } from '@/lib/members/member-service';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { createInvitationRow } from '@/lib/invitations/invitation.fixtures';
import { createInvitation, listInvitations, revokeInvitation } from '@/lib/invitations/invitation-service';
import { getTeamOpenApi } from '@/lib/openapi/get-team-openapi';
import { exportBlueprintsFile, exportCatalog } from '@/lib/export/export-catalog';
import { importCatalog } from '@/lib/import/import-catalog';
import { parseExportParams } from '@/lib/export/parse-export-params';
import { searchTeamEntities } from '@/lib/quick-search/search-team-entities';
import { listTeamEvents } from '@/lib/events/list-events';
import { getEntityGraph, parseGraphParams } from '@/lib/relations/get-entity-graph';
import { createRole, deleteRole, listRoles, updateRole } from '@/lib/roles/role-service';
import { addGroupMember, listGroupMembers, removeGroupMember } from '@/lib/groups/group-members';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from '@/lib/groups/group-service';
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  rotateIntegrationSecret,
  updateIntegration,
} from '@/lib/integrations/integration-service';
import { listIntegrationSyncs } from '@/lib/integrations/list-integration-syncs';
import { syncIntegration } from '@/lib/integrations/sync-integration';
import { pullIntegration } from '@/lib/integrations/pull-integration';
import { applyEntityRecords } from '@/lib/ingest/apply-entity-records';
import { createAction, deleteAction, getAction, listActions, rotateActionSecret, updateAction } from '@/lib/actions/action-service';
import { listActionsOffered } from '@/lib/actions/list-actions-offered';
import { createAutomation, deleteAutomation, getAutomation, listAutomations, updateAutomation } from '@/lib/automations/automation-service';
import { listTeamViews } from '@/lib/saved-views/list-team-views';
import { createSavedView, deleteSavedView, getSavedView, listSavedViews, updateSavedView } from '@/lib/saved-views/saved-view-service';
import { actingUserId } from '@/lib/auth/actor';
import { createScorecard, deleteScorecard, getScorecard, listScorecards, updateScorecard } from '@/lib/scorecards/scorecard-service';
import { facetEntities, parseFacetRequest } from '@/lib/search/facet-entities';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchEntities } from '@/lib/search/search-entities';
import { listScorecardFields } from '@/lib/scorecards/list-scorecard-fields';
import { readEntityScorecards } from '@/lib/scorecards/read-entity-scorecards';
import { createTeam, deleteTeam, getTeam, listMyTeams, updateTeam } from '@/lib/teams/team-service';
import { listScorecardHistory } from '@/lib/scorecards/evaluate/list-scorecard-history';
import { getScorecardSummary, previewScorecard } from '@/lib/scorecards/evaluate/summarize-scorecard';
import { getScorecardTrend } from '@/lib/scorecards/evaluate/get-scorecard-trend';
import { requestRun } from '@/lib/runs/ask-run';
import { cancelRun, decideRunApproval, reportRun } from '@/lib/runs/change-run';
import { getRun, listRuns } from '@/lib/runs/get-runs';
import { listRunLogs, postRunLog } from '@/lib/runs/run-logs';
import { streamRunLog } from '@/lib/runs/stream-run-log';
import { testDb } from '@/lib/test/database-per-file';
import {
  addMembership,
  createApiKeyRow,
  createTeam as createTeamRows,
  createUser,
  insertEntities,
  requestContextFor,
  userActorOf,
} from '@/lib/test/fixtures';
import { ALL_PERMISSIONS, type Permission } from './permissions';
import {
  allows,
  defaultRolePermissions,
  ENTRY_POINTS,
  SERVICE_ENTRY_POINTS,
  type EntryPoint,
  type EntryPointRule,
} from './service-permissions';
import { systemContext } from './system-context';
import { resolveTeamContext, type RequestContext, type TeamContext } from './team-context';

// Every service entry point x every kind of caller, expected answers from the one table
// (service-permissions.ts) that the e2e permission matrix also reads. The callers are real rows
// resolved as a request would be (roles, an API key capped by its creator), plus the system. An
// entry point that forgets its check is allowed where the table says forbidden, and fails here;
// one that checks the wrong permission fails for the role holding all but the right one; a new
// exported entry point missing from the table fails the first describe.

const db = () => testDb();
const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
const NON_PERMISSIONS = new Set(['signed-in', 'member']);

// --- enumerating the entry points --------------------------------------------------------------

// Every domain folder, so a new one (actions, scorecards...) is held to the table without a word
// here; only the infrastructure that builds contexts or runs the process is left out.
const SERVICE_MODULES = import.meta.glob<Record<string, unknown>>(
  [
    '/lib/*/*.ts',
    // A domain's sub-folder of services (lib/scorecards/evaluate: the results' reads).
    '/lib/scorecards/evaluate/*.ts',
    '!/lib/{auth,authz,cli,db,generated,http,test,web}/**',
    '!**/*.test.ts',
    '!**/*.sql.ts',
    '!**/*.fixtures.ts',
    '!**/*.test-support.ts',
  ],
  { eager: true },
);

/**
 * Exported functions that take a context but are no entry point: each runs inside an entry point,
 * after its check (most take the entry point's open transaction as their first argument).
 */
const INTERNAL: Record<string, string> = {
  getEntityOrThrow: 'a lookup inside entity entry points',
  findEntity: 'a lookup inside entity entry points (getEntityOrThrow without the 404)',
  loadBlueprintOrThrow: 'a lookup inside entity entry points',
  lockBlueprintOrThrow: 'a row lock inside entity write transactions',
  writeIfUnchanged: 'the If-Match write inside replaceEntity / patchEntity / restoreEntity',
  restoreDeletedEntity: 'the undo of a delete inside restoreEntity (which requires entity:write)',
  writeUpserts: 'the upsert statement inside createEntity / bulkUpsertEntities',
  writeUpsertKeys: 'the same statement answering keys only, inside bulkUpsertEntities',
  relationDefsOf: 'inside entity write transactions',
  prepareLinks: 'inside entity write transactions',
  writeLinks: 'inside entity write transactions',
  saveBlueprintRelations: 'inside createBlueprint / updateBlueprint transactions',
  writeInRounds: 'inside the sync engine (applyEntityRecords), which checked entity:write',
  insertBlueprint: 'the body of createBlueprint inside its transaction, and of importCatalog (blueprint:write checked there)',
  updateBlueprintIn: 'the body of updateBlueprint inside its transaction, and of importCatalog (blueprint:write checked there)',
  writeAudit: 'the audit row of the entry point that changed something',
  auditRow: 'the audit row of the entry point that changed something',
  auditActorOf: 'the audit columns of the entry point that changed something',
  planRescore: 'inside entity write transactions (scorecard results kept live)',
  rescoreEntities: 'inside entity write transactions (scorecard results kept live)',
  recordDepartures: 'inside deleteEntity (scorecard history of the deleted entity)',
  loadScorecardOrThrow: 'a lookup inside scorecard entry points',
  recordEvent: 'the catalog event of the entry point that changed something (lib/events)',
  recordLinkSourceEvents: 'inside deleteEntity (events of the entities whose links go with it)',
  findSavedViewOrThrow: 'a lookup inside saved-view entry points',
  lockSavedViewOrThrow: 'a row lock inside saved-view write transactions',
  checkSavedView: 'the check of a body inside createSavedView / updateSavedView',
  findActionOrThrow: 'a lookup inside action entry points',
  lockActionOrThrow: 'a row lock inside action write transactions',
  findAutomationOrThrow: 'a lookup inside automation entry points',
  lockAutomationOrThrow: 'a row lock inside automation write transactions',
  askRun:
    'the core of requestRun, inside its transaction (and the automations engine, with a system context); checks action:execute itself',
  checkRunEntity: 'the entity check inside askRun',
  findRunOrThrow: 'a lookup inside run entry points',
  lockRunOrThrow: 'a row lock inside run write transactions',
  matchesCondition: 'the condition check inside askRun and the automations engine',
  lockNamedEntities: 'the row lock inside bulkPatchEntities / bulkDeleteEntities',
  upsertEntityItems: 'the body of bulkUpsertEntities inside its transaction, and of the sync engine (applyEntityRecords)',
  deleteEntityRow: "the delete inside deleteEntity, and a full sync's deletions (applyEntityRecords, entity:delete checked there)",
  lockIntegrationOrThrow: 'a row lock inside integration write transactions',
  revokeKeysOfMember: 'the key revocation inside removeMember (team:manage) and the group-mapping sync of a sign-in',
  groupOrThrow: 'a lookup inside group entry points',
  callerGroups: "the caller's groups inside searches (searchEntities, facets, exports), which checked entity:read",
  loadSearchUserGroups: "the caller's groups inside searches (searchEntities, facets, exports), which checked entity:read",
  recordRefusedRun: 'inside the automations engine batch, for a run it could not start (lib/automations/engine)',
};

/** `name(a, ctx, ...)`: an exported function whose second parameter is the context. */
function takesContext(fn: (...args: never[]) => unknown): boolean {
  const params = /^(?:async\s+)?function\s*\w*\s*\(([^)]*)\)/.exec(fn.toString())?.[1] ?? '';
  return params.split(',').map((p) => p.trim().split(/[\s=:]/)[0])[1] === 'ctx';
}

const exported = new Map<string, { file: string; fn: (...args: never[]) => unknown }>();
for (const [file, module] of Object.entries(SERVICE_MODULES)) {
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function' && takesContext(value as never)) exported.set(name, { file, fn: value as never });
  }
}

describe('the table of service entry points', () => {
  it('lists every exported function that takes a context (or says why it is internal)', () => {
    expect(exported.size).toBeGreaterThan(30); // the glob found the services
    const unlisted = [...exported.keys()].filter((name) => !Object.hasOwn(SERVICE_ENTRY_POINTS, name) && !Object.hasOwn(INTERNAL, name));
    expect(unlisted, 'add these to SERVICE_ENTRY_POINTS (lib/authz/service-permissions.ts) or INTERNAL').toEqual([]);
    const missing = ENTRY_POINTS.filter((name) => !exported.has(name));
    expect(missing, 'entry points in the table that no service exports').toEqual([]);
  });

  it('each entry point states its line of the table first: requirePermission, requireMember, or nothing for signed-in', () => {
    for (const name of ENTRY_POINTS) {
      const rule: EntryPointRule = SERVICE_ENTRY_POINTS[name];
      const source = readFileSync(path.join(process.cwd(), exported.get(name)!.file), 'utf8');
      const start = source.search(new RegExp(`export async function ${name}\\b`));
      const body = source.indexOf('{\n', start) + 2; // the body's brace ends its line; parameters may span lines
      const first = source.slice(body, source.indexOf('\n', body)).trim();
      if (rule.needs === 'signed-in') expect(first, name).not.toMatch(/^require/);
      else if (rule.needs === 'member') expect(first, name).toBe('requireMember(ctx);');
      else expect(first, name).toBe(`requirePermission(ctx, '${rule.needs}');`);
    }
  });
});

// --- the callers --------------------------------------------------------------------------------

type World = {
  team: { id: string; slug: string; name: string };
  owner: { id: string; email: string; name: string | null };
  /** Everything but API keys, for making each call's targets. */
  setup: TeamContext;
};

type CallerSpec = {
  label: string;
  kind: 'user' | 'api_key' | 'system';
  /** What the caller's context must hold, stated here and not read back from the resolver. */
  grants: Permission[];
  context: (world: World) => Promise<TeamContext>;
};

const without = (p: Permission) => ALL_PERMISSIONS.filter((q) => q !== p);

async function memberWith(world: World, roleName: string, permissions: Permission[] | null): Promise<TeamContext> {
  if (permissions) await db().role.create({ data: { teamId: world.team.id, name: roleName, permissions } });
  const user = await addMembership(db(), world.team.id, roleName);
  return resolveTeamContext(db(), requestContextFor(userActorOf(user)), world.team.slug);
}

/** A key with `keyPermissions`, made by a new member holding `creatorRole`: effective = the intersection. */
async function keyOf(world: World, creatorRole: string, keyPermissions: Permission[]): Promise<TeamContext> {
  const creator = await addMembership(db(), world.team.id, creatorRole);
  const { row } = await createApiKeyRow(db(), { teamId: world.team.id, userId: creator.id, permissions: keyPermissions });
  const actor = {
    kind: 'api_key' as const,
    keyId: row.id,
    keyName: row.name,
    teamId: world.team.id,
    creatorId: creator.id,
    keyPermissions,
  };
  return resolveTeamContext(db(), requestContextFor(actor), world.team.slug);
}

const SYSTEM_GRANTS: Permission[] = ['blueprint:read', 'entity:read', 'entity:write'];

function callersFor(entry: EntryPoint): CallerSpec[] {
  const needs = SERVICE_ENTRY_POINTS[entry].needs;
  const own: Permission = NON_PERMISSIONS.has(needs) ? 'entity:read' : (needs as Permission);
  const callers: CallerSpec[] = [
    {
      label: 'admin',
      kind: 'user',
      grants: defaultRolePermissions('admin'),
      context: (w) => resolveTeamContext(db(), requestContextFor(userActorOf(w.owner)), w.team.slug),
    },
    { label: 'editor', kind: 'user', grants: defaultRolePermissions('editor'), context: (w) => memberWith(w, 'editor', null) },
    { label: 'viewer', kind: 'user', grants: defaultRolePermissions('viewer'), context: (w) => memberWith(w, 'viewer', null) },
    { label: `custom role [${own}]`, kind: 'user', grants: [own], context: (w) => memberWith(w, unique('only'), [own]) },
    {
      label: `custom role [all but ${own}]`,
      kind: 'user',
      grants: without(own),
      context: (w) => memberWith(w, unique('allbut'), without(own)),
    },
    {
      label: 'key [every permission] by an editor',
      kind: 'api_key',
      grants: defaultRolePermissions('editor'),
      context: (w) => keyOf(w, 'editor', [...ALL_PERMISSIONS]),
    },
    {
      label: 'key [team:manage, entity:read, entity:write] by a viewer',
      kind: 'api_key',
      grants: ['entity:read'],
      context: (w) => keyOf(w, 'viewer', ['team:manage', 'entity:read', 'entity:write']),
    },
  ];
  // The system always acts in a team; the signed-in entry points take a request's context.
  if (needs !== 'signed-in') {
    callers.push({
      label: `system for an integration [${SYSTEM_GRANTS.join(', ')}]`,
      kind: 'system',
      grants: SYSTEM_GRANTS,
      context: async (w) => systemContext(w.team, { on_behalf: { type: 'integration', id: 'github' }, permissions: SYSTEM_GRANTS }),
    });
  }
  return callers;
}

// --- the world each entry point is called in ----------------------------------------------------

const SCHEMA = { type: 'object', properties: { n: { type: 'integer' } } };

async function makeWorld(): Promise<World> {
  const { team, owner } = await createTeamRows(db());
  const setup = systemContext(team, { on_behalf: { type: 'automation', id: 'test-setup' }, permissions: ALL_PERMISSIONS });
  await createBlueprint(db(), setup, { id: 'service', title: 'Service', schema: SCHEMA });
  await createEntity(db(), setup, 'service', { identifier: 'svc-a', data: { n: 1 } } as never);
  await patchEntity(db(), setup, 'service', 'svc-a', { data: { n: 2 } } as never); // version 2: history to restore
  await createScorecard(db(), setup, 'service', { identifier: 'ready', title: 'Ready', rules: [] });
  await createSavedView(db(), setup, 'service', { identifier: 'team-view', title: 'Team view', shared: true });
  await createAction(db(), setup, actionBody('deploy'));
  await createAutomation(db(), setup, automationBody('on-create'));
  await createIntegration(db(), setup, integrationBody('hook'));
  return { team: { id: team.id, slug: team.slug, name: team.name }, owner, setup };
}

const requestOf = (ctx: TeamContext): RequestContext => {
  if (ctx.actor.kind === 'system') throw new Error('the system has no request context');
  return { requestId: ctx.requestId, actor: ctx.actor, ip: ctx.ip, userAgent: ctx.userAgent };
};

const PAGE = { limit: 10, cursor: null };

/**
 * A view the caller may change with entity:read alone: a private one of its person (a key's:
 * its creator's), made directly; the system has no person, so a shared one (it holds entity:write).
 */
async function ownView(w: World, ctx: TeamContext): Promise<string> {
  const identifier = unique('v');
  if (ctx.actor.kind === 'system') await createSavedView(db(), w.setup, 'service', { identifier, title: 'Shared', shared: true });
  else
    await db().savedView.create({
      data: { teamId: w.team.id, blueprintId: 'service', identifier, title: 'Mine', ownerId: actingUserId(ctx.actor) },
    });
  return identifier;
}

const actionBody = (identifier: string) => ({
  identifier,
  title: 'Deploy',
  blueprint: 'service',
  trigger: 'day-2' as const,
  user_inputs: { type: 'object', properties: {} },
  steps: [{ type: 'approval' }],
  // Runs wait for an approval the requester may give (the owner asks the runs of the matrix).
  approval: { required: true, allow_self: true },
});
const integrationBody = (identifier: string) => ({
  identifier,
  title: 'Hook',
  kind: 'webhook' as const,
  mappings: [{ blueprint: 'service', entity: { identifier: 'name' } }],
});
const automationBody = (identifier: string) => ({
  identifier,
  title: 'On create',
  on: { event: 'entity.created' as const, blueprint: 'service' },
  action: 'deploy',
});
/** A run of `deploy` on svc-a, asked by the owner: it waits for an approval (no job runs here). */
async function waitingRun(w: World): Promise<string> {
  const owner = await resolveTeamContext(db(), requestContextFor(userActorOf(w.owner)), w.team.slug);
  return (await requestRun(db(), owner, 'deploy', { entity: 'svc-a', inputs: {} })).run.id;
}

/** A new group of the world's team, made by its admin. */
const groupIn = (w: World) => createGroup(db(), w.setup, { identifier: unique('g'), title: 'G' });

/** One call of each entry point as `ctx`, after making whatever that call changes or removes. */
const CALLS: Record<EntryPoint, (w: World, ctx: TeamContext) => Promise<unknown>> = {
  createTeam: (_w, ctx) => createTeam(db(), requestOf(ctx), { name: 'New team', slug: unique('new') }),
  listMyTeams: (_w, ctx) => listMyTeams(db(), requestOf(ctx)),
  getTeam: (_w, ctx) => getTeam(db(), ctx),
  updateTeam: (_w, ctx) => updateTeam(db(), ctx, { name: unique('renamed') }),
  deleteTeam: (_w, ctx) => deleteTeam(db(), ctx),
  listMembers: (_w, ctx) => listMembers(db(), ctx, PAGE),
  addMember: async (_w, ctx) => addMember(db(), ctx, { email: (await createUser(db())).email, role: 'viewer' }),
  changeMemberRole: async (w, ctx) => changeMemberRole(db(), ctx, (await addMembership(db(), w.team.id, 'viewer')).id, { role: 'editor' }),
  removeMember: async (w, ctx) => removeMember(db(), ctx, (await addMembership(db(), w.team.id, 'viewer')).id),
  listInvitations: (_w, ctx) => listInvitations(db(), ctx, PAGE),
  // A role that grants nothing: any caller allowed to invite may grant it (none exceeds its inviter).
  createInvitation: async (w, ctx) => {
    const role = await db().role.create({ data: { teamId: w.team.id, name: unique('none'), permissions: [] } });
    return createInvitation(db(), ctx, { email: `${unique('invitee')}@example.com`, role: role.name });
  },
  revokeInvitation: async (w, ctx) =>
    revokeInvitation(db(), ctx, (await createInvitationRow(db(), { teamId: w.team.id, email: `${unique('invitee')}@example.com` })).row.id),
  // An invitation to another team, sent to the caller's email (a key's: to nobody's).
  acceptInvitation: async (_w, ctx) => {
    const { team } = await createTeamRows(db());
    const email = ctx.actor.kind === 'user' ? ctx.actor.email : `${unique('nobody')}@example.com`;
    return acceptInvitation(db(), requestOf(ctx), (await createInvitationRow(db(), { teamId: team.id, email })).token);
  },
  listGroupMappings: (_w, ctx) => listGroupMappings(db(), ctx),
  createGroupMapping: (_w, ctx) => createGroupMapping(db(), ctx, { group: unique('group'), role: 'viewer' }),
  deleteGroupMapping: async (w, ctx) =>
    deleteGroupMapping(db(), ctx, (await createGroupMapping(db(), w.setup, { group: unique('g'), role: 'viewer' })).id),
  listRoles: (_w, ctx) => listRoles(db(), ctx, PAGE),
  createRole: (_w, ctx) => createRole(db(), ctx, { name: unique('role'), permissions: [] }),
  updateRole: async (w, ctx) =>
    updateRole(db(), ctx, (await db().role.create({ data: { teamId: w.team.id, name: unique('r'), permissions: [] } })).id, {
      description: 'changed',
    }),
  deleteRole: async (w, ctx) =>
    deleteRole(db(), ctx, (await db().role.create({ data: { teamId: w.team.id, name: unique('r'), permissions: [] } })).id),
  listGroups: (_w, ctx) => listGroups(db(), ctx, PAGE),
  getGroup: async (w, ctx) => getGroup(db(), ctx, (await groupIn(w)).identifier),
  createGroup: (_w, ctx) => createGroup(db(), ctx, { identifier: unique('g'), title: 'G' }),
  updateGroup: async (w, ctx) => updateGroup(db(), ctx, (await groupIn(w)).identifier, { title: 'changed' }),
  deleteGroup: async (w, ctx) => deleteGroup(db(), ctx, (await groupIn(w)).identifier),
  listGroupMembers: async (w, ctx) => listGroupMembers(db(), ctx, (await groupIn(w)).identifier),
  addGroupMember: async (w, ctx) => addGroupMember(db(), ctx, (await groupIn(w)).identifier, { user_id: w.owner.id }),
  removeGroupMember: async (w, ctx) => {
    const group = await groupIn(w);
    await addGroupMember(db(), w.setup, group.identifier, { user_id: w.owner.id });
    return removeGroupMember(db(), ctx, group.identifier, w.owner.id);
  },
  listApiKeys: (_w, ctx) => listApiKeys(db(), ctx, PAGE),
  createApiKey: (_w, ctx) => createApiKey(db(), ctx, { name: unique('key'), permissions: [] }),
  revokeApiKey: async (w, ctx) =>
    revokeApiKey(db(), ctx, (await createApiKeyRow(db(), { teamId: w.team.id, userId: w.owner.id, permissions: [] })).row.id),
  listAuditLogs: (_w, ctx) => listAuditLogs(db(), ctx, {}, PAGE),
  listBlueprints: (_w, ctx) => listBlueprints(db(), ctx, PAGE),
  listBlueprintSummaries: (_w, ctx) => listBlueprintSummaries(db(), ctx),
  getBlueprint: (_w, ctx) => getBlueprint(db(), ctx, 'service'),
  createBlueprint: (_w, ctx) => createBlueprint(db(), ctx, { id: unique('bp'), title: 'New', schema: SCHEMA }),
  updateBlueprint: (_w, ctx) => updateBlueprint(db(), ctx, 'service', { replace: false, input: { description: unique('d') } }),
  previewDeleteBlueprint: (_w, ctx) => previewDeleteBlueprint(db(), ctx, 'service'),
  deleteBlueprint: async (w, ctx) => {
    const id = unique('bp');
    await createBlueprint(db(), w.setup, { id, title: 'Doomed', schema: SCHEMA });
    return deleteBlueprint(db(), ctx, id);
  },
  listBlueprintEntities: (_w, ctx) => listBlueprintEntities(db(), ctx, 'service', PAGE),
  listRecentEntities: (_w, ctx) => listRecentEntities(db(), ctx),
  countEntityWrites: (_w, ctx) => countEntityWrites(db(), ctx),
  listMostConnected: (_w, ctx) => listMostConnected(db(), ctx),
  summarizeTeamScorecards: (_w, ctx) => summarizeTeamScorecards(db(), ctx),
  listRecentRuns: (_w, ctx) => listRecentRuns(db(), ctx),
  getEntity: (_w, ctx) => getEntity(db(), ctx, 'service', 'svc-a'),
  listEntityHistory: (_w, ctx) => listEntityHistory(db(), ctx, 'service', 'svc-a', PAGE),
  createEntity: (_w, ctx) => createEntity(db(), ctx, 'service', { identifier: unique('e'), data: { n: 1 } } as never),
  bulkUpsertEntities: (_w, ctx) => bulkUpsertEntities(db(), ctx, 'service', [{ identifier: unique('e'), data: { n: 1 } }]),
  bulkPatchEntities: (_w, ctx) => bulkPatchEntities(db(), ctx, 'service', ['svc-a'], { data: { n: 5 } }),
  bulkDeleteEntities: async (w, ctx) => {
    const identifier = unique('doomed');
    await insertEntities(db(), { teamId: w.team.id, blueprintId: 'service' }, [{ identifier, data: { n: 0 } }]);
    return bulkDeleteEntities(db(), ctx, 'service', [identifier]);
  },
  replaceEntity: (_w, ctx) => replaceEntity(db(), ctx, 'service', 'svc-a', { data: { n: 3 } } as never),
  patchEntity: (_w, ctx) => patchEntity(db(), ctx, 'service', 'svc-a', { data: { n: 4 } } as never),
  restoreEntity: (_w, ctx) => restoreEntity(db(), ctx, 'service', 'svc-a', 1),
  previewDeleteEntity: (_w, ctx) => previewDeleteEntity(db(), ctx, 'service', 'svc-a'),
  deleteEntity: async (w, ctx) => {
    const identifier = unique('doomed');
    await insertEntities(db(), { teamId: w.team.id, blueprintId: 'service' }, [{ identifier, data: { n: 0 } }]);
    return deleteEntity(db(), ctx, 'service', identifier);
  },
  searchEntities: (_w, ctx) => searchEntities(db(), ctx, 'service', parseSearchBody({}), { withTotal: true }),
  facetEntities: (_w, ctx) =>
    facetEntities(db(), ctx, 'service', parseFacetRequest({ property: 'n', query: undefined, q: undefined, limit: undefined })),
  readEntityScorecards: (_w, ctx) => readEntityScorecards(db(), ctx, []),
  listScorecardFields: (_w, ctx) => listScorecardFields(db(), ctx, 'service'),
  getEntityGraph: (_w, ctx) => getEntityGraph(db(), ctx, 'service', 'svc-a', parseGraphParams(new URL('http://localhost/?direction=both'))),
  searchTeamEntities: (_w, ctx) => searchTeamEntities(db(), ctx, { q: 'svc', limit: 5 }),
  listTeamEvents: (_w, ctx) => listTeamEvents(db(), ctx, { after: null, limit: 5 }),
  getTeamOpenApi: (_w, ctx) => getTeamOpenApi(db(), ctx, 'http://localhost'),
  exportCatalog: async (_w, ctx) => {
    const prepared = await exportCatalog(db(), ctx, parseExportParams(new URL('http://localhost/?format=ndjson&blueprint=service')));
    return new Response(prepared.body).text(); // the stream read to its end: its reads run as this caller
  },
  importCatalog: (_w, ctx) =>
    importCatalog(db(), ctx, {
      text: JSON.stringify([{ blueprint: 'service', identifier: unique('imp'), properties: {} }]),
      contentType: 'application/json',
      dryRun: false,
    }),
  exportBlueprintsFile: (_w, ctx) => exportBlueprintsFile(db(), ctx, parseExportParams(new URL('http://localhost/?only=blueprints'))),
  listScorecards: (_w, ctx) => listScorecards(db(), ctx, 'service', PAGE),
  getScorecard: (_w, ctx) => getScorecard(db(), ctx, 'service', 'ready'),
  createScorecard: (_w, ctx) => createScorecard(db(), ctx, 'service', { identifier: unique('sc'), title: 'New', rules: [] }),
  updateScorecard: (_w, ctx) => updateScorecard(db(), ctx, 'service', 'ready', { replace: false, patch: { description: unique('d') } }),
  deleteScorecard: async (w, ctx) => {
    const identifier = unique('doomed');
    await createScorecard(db(), w.setup, 'service', { identifier, title: 'Doomed', rules: [] });
    return deleteScorecard(db(), ctx, 'service', identifier);
  },
  listSavedViews: (_w, ctx) => listSavedViews(db(), ctx, 'service'),
  listTeamViews: (_w, ctx) => listTeamViews(db(), ctx),
  getSavedView: (_w, ctx) => getSavedView(db(), ctx, 'service', 'team-view'),
  createSavedView: (_w, ctx) =>
    createSavedView(db(), ctx, 'service', { identifier: unique('v'), title: 'New', shared: ctx.actor.kind === 'system' }),
  updateSavedView: async (w, ctx) =>
    updateSavedView(db(), ctx, 'service', await ownView(w, ctx), { replace: false, patch: { title: unique('t') } }),
  deleteSavedView: async (w, ctx) => deleteSavedView(db(), ctx, 'service', await ownView(w, ctx)),
  listActions: (_w, ctx) => listActions(db(), ctx, {}, PAGE),
  getAction: (_w, ctx) => getAction(db(), ctx, 'deploy'),
  createAction: (_w, ctx) => createAction(db(), ctx, actionBody(unique('a'))),
  updateAction: (_w, ctx) => updateAction(db(), ctx, 'deploy', { replace: false, patch: { title: unique('t') } }),
  deleteAction: async (w, ctx) => {
    const identifier = unique('a');
    await createAction(db(), w.setup, actionBody(identifier));
    return deleteAction(db(), ctx, identifier);
  },
  rotateActionSecret: (_w, ctx) => rotateActionSecret(db(), ctx, 'deploy'),
  listActionsOffered: (_w, ctx) => listActionsOffered(db(), ctx, 'service', null),
  listAutomations: (_w, ctx) => listAutomations(db(), ctx, PAGE),
  getAutomation: (_w, ctx) => getAutomation(db(), ctx, 'on-create'),
  createAutomation: (_w, ctx) => createAutomation(db(), ctx, automationBody(unique('au'))),
  updateAutomation: (_w, ctx) => updateAutomation(db(), ctx, 'on-create', { replace: false, patch: { title: unique('t') } }),
  deleteAutomation: async (w, ctx) => {
    const identifier = unique('au');
    await createAutomation(db(), w.setup, automationBody(identifier));
    return deleteAutomation(db(), ctx, identifier);
  },
  listIntegrations: (_w, ctx) => listIntegrations(db(), ctx, PAGE),
  getIntegration: (_w, ctx) => getIntegration(db(), ctx, 'hook'),
  createIntegration: (_w, ctx) => createIntegration(db(), ctx, integrationBody(unique('i'))),
  updateIntegration: (_w, ctx) => updateIntegration(db(), ctx, 'hook', { replace: false, patch: { title: unique('t') } }),
  deleteIntegration: async (w, ctx) => {
    const identifier = unique('i');
    await createIntegration(db(), w.setup, integrationBody(identifier));
    return deleteIntegration(db(), ctx, identifier);
  },
  rotateIntegrationSecret: (_w, ctx) => rotateIntegrationSecret(db(), ctx, 'hook'),
  syncIntegration: (_w, ctx) => syncIntegration(db(), ctx, 'hook', { items: [{ name: unique('s') }] }),
  // 'hook' is a webhook integration: past the permission check, the pull is refused as not_pullable (409).
  pullIntegration: (_w, ctx) =>
    pullIntegration(db(), ctx, 'hook', { dryRun: true }).catch((error: unknown) => {
      if (reasonOf(error) !== 'not_pullable') throw error;
    }),
  listIntegrationSyncs: (_w, ctx) => listIntegrationSyncs(db(), ctx, 'hook', PAGE),
  applyEntityRecords: (_w, ctx) =>
    applyEntityRecords(db(), ctx, null, [{ index: 0, blueprint: 'service', identifier: unique('r'), properties: { n: 1 } }], {
      mode: 'delta',
      dryRun: false,
      force: false,
    }),
  getScorecardSummary: (_w, ctx) => getScorecardSummary(db(), ctx, 'service', 'ready', undefined),
  listScorecardHistory: (_w, ctx) => listScorecardHistory(db(), ctx, 'service', 'ready', { entity: null, ...PAGE }),
  getScorecardTrend: (_w, ctx) => getScorecardTrend(db(), ctx, 'service', 'ready', 7),
  requestRun: (_w, ctx) => requestRun(db(), ctx, 'deploy', { entity: 'svc-a', inputs: {} }),
  listRuns: (_w, ctx) => listRuns(db(), ctx, { limit: 10, cursor: null }),
  getRun: async (w, ctx) => getRun(db(), ctx, await waitingRun(w)),
  reportRun: async (w, ctx) => reportRun(db(), ctx, await waitingRun(w), { summary: 'seen' }),
  listRunLogs: async (w, ctx) => listRunLogs(db(), ctx, await waitingRun(w), { after: 0, limit: 10 }),
  streamRunLog: async (w, ctx) => (await streamRunLog(db(), ctx, await waitingRun(w), 0, new AbortController().signal)).cancel(),
  postRunLog: async (w, ctx) => postRunLog(db(), ctx, await waitingRun(w), { message: 'hello' }),
  decideRunApproval: async (w, ctx) => decideRunApproval(db(), ctx, await waitingRun(w), { decision: 'approve' }),
  cancelRun: async (w, ctx) => cancelRun(db(), ctx, await waitingRun(w)),
  previewScorecard: (_w, ctx) =>
    previewScorecard(db(), ctx, 'service', {
      rules: [{ identifier: 'r', title: 'R', level: 'Gold', query: { combinator: 'and', rules: [] } }],
    }),
};

/** Entry points that remove the team itself: each caller gets a world of its own. */
const FRESH_WORLD = new Set<EntryPoint>(['deleteTeam']);

async function outcome(call: Promise<unknown>): Promise<'allowed' | 'forbidden'> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return 'forbidden';
    throw error; // any other failure is a broken cell, not an answer
  }
}

describe('every service entry point x every caller', () => {
  for (const entry of ENTRY_POINTS) {
    it(`${entry} (${SERVICE_ENTRY_POINTS[entry].needs}) answers as the table says`, async () => {
      let world = await makeWorld();
      const rows: string[] = [];
      const expected: string[] = [];
      for (const caller of callersFor(entry)) {
        if (FRESH_WORLD.has(entry)) world = await makeWorld();
        const ctx = await caller.context(world);
        expect([...ctx.permissions].sort(), `${caller.label}: effective permissions`).toEqual([...caller.grants].sort());
        expect(ctx.actor.kind).toBe(caller.kind);
        const want = allows(entry, { kind: caller.kind, permissions: caller.grants }) ? 'allowed' : 'forbidden';
        rows.push(`${caller.label}: ${await outcome(CALLS[entry](world, ctx))}`);
        expected.push(`${caller.label}: ${want}`);
      }
      expect(rows).toEqual(expected);
    });
  }
});

describe('the system actor', () => {
  it('is audited as the system, with what it acted for, and no user or key', async () => {
    const world = await makeWorld();
    const ctx = systemContext(world.team, { on_behalf: { type: 'integration', id: 'github-app-7' }, permissions: ['entity:write'] });
    await createEntity(db(), ctx, 'service', { identifier: 'from-github', data: { n: 7 } } as never);
    await bulkUpsertEntities(db(), ctx, 'service', [{ identifier: 'bulk-from-github', data: { n: 8 } }]);
    const rows = await db().auditLog.findMany({
      where: { teamId: world.team.id, onBehalfId: 'github-app-7' },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((r) => [r.action, r.actorType, r.userId, r.apiKeyId, r.onBehalfType, r.onBehalfId])).toEqual([
      ['entity.created', 'system', null, null, 'integration', 'github-app-7'],
      ['entity.created', 'system', null, null, 'integration', 'github-app-7'],
    ]);
    const entity = await db().entity.findFirstOrThrow({ where: { teamId: world.team.id, identifier: 'from-github' } });
    expect([entity.createdBy, entity.updatedBy]).toEqual([null, null]);
    // The audit log API says so too.
    const { audit_logs } = await listAuditLogs(db(), world.setup, { entityId: entity.id }, PAGE);
    expect(audit_logs.map((r) => r.actor)).toEqual([
      {
        type: 'system',
        user_id: null,
        api_key_id: null,
        name: null,
        email: null,
        api_key_name: null,
        on_behalf: { type: 'integration', id: 'github-app-7' },
      },
    ]);
  });

  it("holds only the permissions it is given (unknown strings dropped), never a person's", async () => {
    const world = await makeWorld();
    const ctx = systemContext(world.team, {
      on_behalf: { type: 'automation', id: 'nightly' },
      permissions: ['entity:read', 'entity:admin' as Permission],
    });
    expect([...ctx.permissions]).toEqual(['entity:read']);
    expect(ctx.role).toBeNull();
    const refused = await createEntity(db(), ctx, 'service', { identifier: 'nope', data: { n: 1 } } as never).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('forbidden');
    expect(await db().auditLog.count({ where: { teamId: world.team.id, onBehalfId: 'nightly' } })).toBe(0);
  });

  it('cannot name what it acts for wrongly, and the database refuses on_behalf on a non-system row', async () => {
    const world = await makeWorld();
    expect(() => systemContext(world.team, { on_behalf: { type: 'person' as never, id: 'x' }, permissions: [] })).toThrow(AppError);
    expect(() => systemContext(world.team, { on_behalf: { type: 'automation', id: '' }, permissions: [] })).toThrow(AppError);
    await expect(
      db().auditLog.create({
        data: {
          teamId: world.team.id,
          actorType: 'user',
          userId: world.owner.id,
          onBehalfType: 'integration',
          onBehalfId: 'x',
          action: 'x',
          entityType: 'x',
          entityId: 'x',
        },
      }),
    ).rejects.toThrow();
  });
});
