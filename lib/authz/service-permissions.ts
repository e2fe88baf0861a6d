import { DEFAULT_ROLES, type Permission } from './permissions';

// The one table of who may call which service entry point. Each service states its line of this
// table on its first line (requirePermission / requireMember), and three tests hold them together:
// lib/authz/service-permissions.int.test.ts calls every entry point as every kind of caller and
// expects exactly these answers (and fails on an exported entry point missing here);
// lib/openapi/openapi.test.ts checks each route's documented permission against its entry point's;
// e2e/permission-matrix.api.spec.ts derives its expected statuses from `allows` below.
// Relative imports only: the Playwright specs import this file.

export type Need =
  /** Any signed-in caller; no team involved (the caller's own teams, creating one). */
  | 'signed-in'
  /** Any member of the team, the team's key, or the system acting in it. */
  | 'member'
  | Permission;

export type EntryPointRule = {
  needs: Need;
  /** Only a person may do this (not a key, not the system): API keys are made by people. */
  peopleOnly?: true;
  /** The OpenAPI operations (operationId) whose route calls this entry point. */
  operations: readonly string[];
};

export const SERVICE_ENTRY_POINTS = {
  // lib/teams/team-service.ts
  createTeam: { needs: 'signed-in', peopleOnly: true, operations: ['createTeam'] },
  listMyTeams: { needs: 'signed-in', operations: ['listTeams'] },
  getTeam: { needs: 'member', operations: ['getTeam'] },
  updateTeam: { needs: 'team:manage', operations: ['updateTeam'] },
  deleteTeam: { needs: 'team:manage', operations: ['deleteTeam'] },
  // lib/members/member-service.ts
  listMembers: { needs: 'member', operations: ['listMembers'] },
  addMember: { needs: 'team:manage', operations: ['addMember'] },
  changeMemberRole: { needs: 'team:manage', operations: ['changeMemberRole'] },
  removeMember: { needs: 'team:manage', operations: ['removeMember'] },
  // lib/invitations/
  listInvitations: { needs: 'team:manage', operations: ['listInvitations'] },
  createInvitation: { needs: 'team:manage', peopleOnly: true, operations: ['createInvitation'] },
  revokeInvitation: { needs: 'team:manage', operations: ['revokeInvitation'] },
  acceptInvitation: { needs: 'signed-in', peopleOnly: true, operations: ['acceptInvitation'] },
  // lib/group-mappings/group-mapping-service.ts
  listGroupMappings: { needs: 'team:manage', operations: ['listGroupMappings'] },
  createGroupMapping: { needs: 'team:manage', operations: ['createGroupMapping'] },
  deleteGroupMapping: { needs: 'team:manage', operations: ['deleteGroupMapping'] },
  // lib/roles/role-service.ts
  listRoles: { needs: 'member', operations: ['listRoles'] },
  createRole: { needs: 'team:manage', operations: ['createRole'] },
  updateRole: { needs: 'team:manage', operations: ['updateRole'] },
  deleteRole: { needs: 'team:manage', operations: ['deleteRole'] },
  // lib/groups/ (groups of people, entities' owners)
  listGroups: { needs: 'member', operations: ['listGroups'] },
  getGroup: { needs: 'member', operations: ['getGroup'] },
  createGroup: { needs: 'team:manage', operations: ['createGroup'] },
  updateGroup: { needs: 'team:manage', operations: ['updateGroup'] },
  deleteGroup: { needs: 'team:manage', operations: ['deleteGroup'] },
  listGroupMembers: { needs: 'member', operations: ['listGroupMembers'] },
  addGroupMember: { needs: 'team:manage', operations: ['addGroupMember'] },
  removeGroupMember: { needs: 'team:manage', operations: ['removeGroupMember'] },
  // lib/api-keys/api-key-service.ts
  listApiKeys: { needs: 'team:manage', operations: ['listApiKeys'] },
  createApiKey: { needs: 'team:manage', peopleOnly: true, operations: ['createApiKey'] },
  revokeApiKey: { needs: 'team:manage', operations: ['revokeApiKey'] },
  // lib/audit/list-audit-logs.ts
  listAuditLogs: { needs: 'team:manage', operations: ['listAuditLogs'] },
  // lib/blueprints/
  listBlueprints: { needs: 'blueprint:read', operations: ['listBlueprints'] },
  listBlueprintSummaries: { needs: 'blueprint:read', operations: [] },
  getBlueprint: { needs: 'blueprint:read', operations: ['getBlueprint'] },
  createBlueprint: { needs: 'blueprint:write', operations: ['createBlueprint'] },
  updateBlueprint: { needs: 'blueprint:write', operations: ['replaceBlueprint', 'patchBlueprint'] },
  previewDeleteBlueprint: { needs: 'blueprint:delete', operations: ['deleteBlueprint'] },
  deleteBlueprint: { needs: 'blueprint:delete', operations: ['deleteBlueprint'] },
  // lib/entities/
  listBlueprintEntities: { needs: 'entity:read', operations: ['listEntities'] },
  listRecentEntities: { needs: 'entity:read', operations: [] },
  getEntity: { needs: 'entity:read', operations: ['getEntity'] },
  listEntityHistory: { needs: 'entity:read', operations: ['listEntityHistory'] },
  createEntity: { needs: 'entity:write', operations: ['createEntity'] },
  bulkUpsertEntities: { needs: 'entity:write', operations: ['bulkUpsertEntities'] },
  bulkPatchEntities: { needs: 'entity:write', operations: ['bulkPatchEntities'] },
  bulkDeleteEntities: { needs: 'entity:delete', operations: ['bulkDeleteEntities'] },
  replaceEntity: { needs: 'entity:write', operations: ['replaceEntity'] },
  patchEntity: { needs: 'entity:write', operations: ['patchEntity'] },
  restoreEntity: { needs: 'entity:write', operations: ['restoreEntity'] },
  previewDeleteEntity: { needs: 'entity:delete', operations: ['deleteEntity'] },
  deleteEntity: { needs: 'entity:delete', operations: ['deleteEntity'] },
  // lib/search/, lib/relations/, lib/quick-search/
  searchEntities: { needs: 'entity:read', operations: ['searchEntities'] },
  // lib/scorecards/read-entity-scorecards.ts (?include=scorecards of the entity reads), list-scorecard-fields.ts (the catalog page)
  readEntityScorecards: { needs: 'scorecard:read', operations: [] },
  listScorecardFields: { needs: 'scorecard:read', operations: [] },
  facetEntities: { needs: 'entity:read', operations: ['facetEntities', 'facetEntitiesPost'] },
  getEntityGraph: { needs: 'entity:read', operations: ['getEntityGraph'] },
  searchTeamEntities: { needs: 'entity:read', operations: ['quickSearch'] },
  // lib/events/list-events.ts
  listTeamEvents: { needs: 'entity:read', operations: ['listTeamEvents'] },
  // lib/scorecards/
  listScorecards: { needs: 'scorecard:read', operations: ['listScorecards'] },
  getScorecard: { needs: 'scorecard:read', operations: ['getScorecard'] },
  createScorecard: { needs: 'scorecard:write', operations: ['createScorecard'] },
  updateScorecard: { needs: 'scorecard:write', operations: ['replaceScorecard', 'patchScorecard'] },
  deleteScorecard: { needs: 'scorecard:write', operations: ['deleteScorecard'] },
  // lib/scorecards/evaluate/
  getScorecardSummary: { needs: 'scorecard:read', operations: ['getScorecardSummary'] },
  listScorecardHistory: { needs: 'scorecard:read', operations: ['listScorecardHistory'] },
  getScorecardTrend: { needs: 'scorecard:read', operations: ['getScorecardTrend'] },
  previewScorecard: { needs: 'scorecard:read', operations: ['previewScorecard'] },
  // lib/saved-views/ (a shared view also needs entity:write, checked inside: API.md "Saved views")
  listSavedViews: { needs: 'entity:read', operations: ['listSavedViews'] },
  listTeamViews: { needs: 'entity:read', operations: [] },
  getSavedView: { needs: 'entity:read', operations: ['getSavedView'] },
  createSavedView: { needs: 'entity:read', operations: ['createSavedView'] },
  updateSavedView: { needs: 'entity:read', operations: ['replaceSavedView', 'patchSavedView'] },
  deleteSavedView: { needs: 'entity:read', operations: ['deleteSavedView'] },
  // lib/actions/
  listActions: { needs: 'action:read', operations: ['listActions'] },
  getAction: { needs: 'action:read', operations: ['getAction'] },
  createAction: { needs: 'action:write', operations: ['createAction'] },
  updateAction: { needs: 'action:write', operations: ['replaceAction', 'patchAction'] },
  deleteAction: { needs: 'action:write', operations: ['deleteAction'] },
  rotateActionSecret: { needs: 'action:write', operations: ['rotateActionSecret'] },
  // lib/actions/list-actions-offered.ts (naming an entity also needs entity:read, checked inside)
  listActionsOffered: { needs: 'action:read', operations: ['listEntityActions', 'listBlueprintCreateActions'] },
  // lib/automations/
  listAutomations: { needs: 'action:read', operations: ['listAutomations'] },
  getAutomation: { needs: 'action:read', operations: ['getAutomation'] },
  createAutomation: { needs: 'action:write', operations: ['createAutomation'] },
  updateAutomation: { needs: 'action:write', operations: ['replaceAutomation', 'patchAutomation'] },
  deleteAutomation: { needs: 'action:write', operations: ['deleteAutomation'] },
  // lib/runs/ (a run token acts for its run with action:execute: lib/auth/resolve-run-token.ts)
  requestRun: { needs: 'action:execute', operations: ['createRun'] },
  listRuns: { needs: 'action:read', operations: ['listRuns'] },
  getRun: { needs: 'action:read', operations: ['getRun'] },
  reportRun: { needs: 'action:execute', operations: ['updateRun'] },
  listRunLogs: { needs: 'action:read', operations: ['listRunLogs'] },
  streamRunLog: { needs: 'action:read', operations: ['listRunLogs'] },
  postRunLog: { needs: 'action:execute', operations: ['createRunLog'] },
  decideRunApproval: { needs: 'action:approve', operations: ['decideRunApproval'] },
  cancelRun: { needs: 'action:execute', operations: ['cancelRun'] },
  // lib/export/export-catalog.ts (include=blueprints also needs blueprint:read, checked inside)
  exportCatalog: { needs: 'entity:read', operations: ['exportCatalog'] },
  // the same route's only=blueprints (one operation: its documented permission is the catalog's)
  exportBlueprintsFile: { needs: 'blueprint:read', operations: [] },
  // lib/import/import-catalog.ts (creating the blueprints a file needs takes blueprint:write too)
  importCatalog: { needs: 'entity:write', operations: ['importCatalog'] },
  // lib/integrations/ (a sync writes its entities as the integration: lib/integrations/sync-integration.ts)
  listIntegrations: { needs: 'integration:read', operations: ['listIntegrations'] },
  getIntegration: { needs: 'integration:read', operations: ['getIntegration'] },
  createIntegration: { needs: 'integration:write', operations: ['createIntegration'] },
  updateIntegration: { needs: 'integration:write', operations: ['replaceIntegration', 'patchIntegration'] },
  deleteIntegration: { needs: 'integration:write', operations: ['deleteIntegration'] },
  rotateIntegrationSecret: { needs: 'integration:write', operations: ['rotateIntegrationSecret'] },
  syncIntegration: { needs: 'integration:write', operations: ['syncIntegration'] },
  // lib/integrations/pull-integration.ts (an http-pull fetched now; the schedule's pulls are the job's, lib/integrations/integration-pull-job.ts)
  pullIntegration: { needs: 'integration:write', operations: ['pullIntegration'] },
  listIntegrationSyncs: { needs: 'integration:read', operations: ['listIntegrationSyncs'] },
  // lib/ingest/apply-entity-records.ts (the engine under syncs and imports; a full sync's deletions also need entity:delete)
  applyEntityRecords: { needs: 'entity:write', operations: [] },
  // lib/team-home/ (the team home page reads them directly; no route of their own)
  countEntityWrites: { needs: 'entity:read', operations: [] },
  listMostConnected: { needs: 'entity:read', operations: [] },
  summarizeTeamScorecards: { needs: 'scorecard:read', operations: [] },
  listRecentRuns: { needs: 'action:read', operations: [] },
  // lib/openapi/get-team-openapi.ts
  getTeamOpenApi: { needs: 'blueprint:read', operations: ['getTeamOpenApiDocument'] },
} as const satisfies Record<string, EntryPointRule>;

export type EntryPoint = keyof typeof SERVICE_ENTRY_POINTS;

export const ENTRY_POINTS = Object.keys(SERVICE_ENTRY_POINTS) as EntryPoint[];

/** A caller as the table sees it: what kind it is and its effective permissions in the team. */
export type Caller = { kind: 'user' | 'api_key' | 'system'; permissions: Iterable<string> };

/** Whether `caller`, once inside the team (member, team key or system), may call `entry`. */
export function allows(entry: EntryPoint, caller: Caller): boolean {
  const rule: EntryPointRule = SERVICE_ENTRY_POINTS[entry];
  if (rule.peopleOnly && caller.kind !== 'user') return false;
  if (rule.needs === 'signed-in' || rule.needs === 'member') return true;
  return new Set(caller.permissions).has(rule.needs);
}

/** The default role's permissions (admin, editor, viewer), for tables of expected answers. */
export function defaultRolePermissions(name: 'admin' | 'editor' | 'viewer'): Permission[] {
  return [...DEFAULT_ROLES.find((r) => r.name === name)!.permissions];
}
