import { createActionBody, patchActionBody, replaceActionBody } from '@/lib/actions/action-schemas';
import { createIntegrationBody, patchIntegrationBody, replaceIntegrationBody, syncBody } from '@/lib/integrations/integration-schemas';
import { createAutomationBody, patchAutomationBody, replaceAutomationBody } from '@/lib/automations/automation-schemas';
import { createApiKeyBody } from '@/lib/api-keys/schemas';
import { changePasswordBody, createPersonalTokenBody, loginBody, registerBody, updateProfileBody } from '@/lib/auth/schemas';
import { createBlueprintBody, patchBlueprintBody, replaceBlueprintBody } from '@/lib/blueprints/schemas';
import { createEntityBody, patchEntityBody, replaceEntityBody } from '@/lib/entities/schemas';
import { createGroupMappingBody } from '@/lib/group-mappings/schemas';
import { addMemberBody, changeMemberBody } from '@/lib/members/schemas';
import { createRoleBody, updateRoleBody } from '@/lib/roles/schemas';
import { createSavedViewBody, patchSavedViewBody, replaceSavedViewBody } from '@/lib/saved-views/saved-view-schemas';
import { createScorecardBody, patchScorecardBody, replaceScorecardBody } from '@/lib/scorecards/scorecard-schemas';
import { approvalBody, runLogBody, runReportBody, runRequestBody } from '@/lib/runs/schemas';
import { createTeamBody, updateTeamBody } from '@/lib/teams/schemas';
import type { BodySchema } from '@/lib/http/request-body';
import { VERSION } from '@/lib/version';
import { AUTHENTICATED, errorSchemas, headers, parameters, responses, securitySchemes } from './components';
import { actionParameters, actionPaths, actionSchemas } from './paths-actions';
import { automationParameters, automationPaths, automationSchemas } from './paths-automations';
import { blueprintPaths } from './paths-blueprints';
import { entityPaths, entitySchemas } from './paths-entities';
import { eventPaths, eventSchemas } from './paths-events';
import { groupMappingParameters, groupMappingPaths, groupMappingSchemas } from './paths-group-mappings';
import { identityPaths } from './paths-identity';
import { groupParameters, groupPaths, groupSchemas } from './paths-groups';
import { addGroupMemberBody, createGroupBody, updateGroupBody } from '@/lib/groups/schemas';
import { integrationParameters, integrationPaths, integrationSchemas } from './paths-integrations';
import { quickSearchPaths, quickSearchSchemas } from './paths-quick-search';
import { exportPaths } from './paths-export';
import { runParameters, runPaths, runSchemas } from './paths-runs';
import { savedViewParameters, savedViewPaths, savedViewSchemas } from './paths-saved-views';
import { scorecardParameters, scorecardPaths, scorecardSchemas } from './paths-scorecards';
import { scorecardResultPaths, scorecardResultSchemas } from './paths-scorecard-results';
import { acceptInvitationBody, createInvitationBody } from '@/lib/invitations/schemas';
import { invitationParameters, invitationPaths, invitationSchemas } from './paths-invitations';
import { searchPaths, searchSchemas } from './paths-search';
import { teamOpenApiPaths } from './paths-team-openapi';
import { viewSchemas } from './view-schemas';

// The OpenAPI 3.1 document of /api/v1 (served at /api/v1/openapi.json). Request bodies are the
// very JSON Schemas the routes validate with (lib/*/schemas.ts), so the document cannot promise a
// body the server refuses. lib/openapi/openapi.test.ts fails when a route is missing from it.

/** Each route's body schema, under the component name the paths refer to. */
const BODIES: Record<string, BodySchema<unknown>> = {
  RegisterBody: registerBody,
  LoginBody: loginBody,
  ChangePasswordBody: changePasswordBody,
  UpdateProfileBody: updateProfileBody,
  CreatePersonalTokenBody: createPersonalTokenBody,
  CreateTeamBody: createTeamBody,
  UpdateTeamBody: updateTeamBody,
  AddMemberBody: addMemberBody,
  ChangeMemberBody: changeMemberBody,
  CreateGroupMappingBody: createGroupMappingBody,
  CreateRoleBody: createRoleBody,
  UpdateRoleBody: updateRoleBody,
  CreateGroupBody: createGroupBody,
  UpdateGroupBody: updateGroupBody,
  AddGroupMemberBody: addGroupMemberBody,
  CreateApiKeyBody: createApiKeyBody,
  CreateInvitationBody: createInvitationBody,
  AcceptInvitationBody: acceptInvitationBody,
  CreateBlueprintBody: createBlueprintBody,
  ReplaceBlueprintBody: replaceBlueprintBody,
  PatchBlueprintBody: patchBlueprintBody,
  CreateEntityBody: createEntityBody,
  ReplaceEntityBody: replaceEntityBody,
  PatchEntityBody: patchEntityBody,
  CreateScorecardBody: createScorecardBody,
  ReplaceScorecardBody: replaceScorecardBody,
  PatchScorecardBody: patchScorecardBody,
  CreateSavedViewBody: createSavedViewBody,
  ReplaceSavedViewBody: replaceSavedViewBody,
  PatchSavedViewBody: patchSavedViewBody,
  CreateActionBody: createActionBody,
  ReplaceActionBody: replaceActionBody,
  PatchActionBody: patchActionBody,
  CreateAutomationBody: createAutomationBody,
  ReplaceAutomationBody: replaceAutomationBody,
  PatchAutomationBody: patchAutomationBody,
  RunRequestBody: runRequestBody,
  RunReportBody: runReportBody,
  RunLogBody: runLogBody,
  RunApprovalBody: approvalBody,
  CreateIntegrationBody: createIntegrationBody,
  ReplaceIntegrationBody: replaceIntegrationBody,
  PatchIntegrationBody: patchIntegrationBody,
  SyncIntegrationBody: syncBody,
  // BulkEntitiesBody: in paths-entities.ts (the route's schema with its items spelled out)
};

const TAGS = [
  'Auth',
  'Teams',
  'Members',
  'Invitations',
  'Roles',
  'Groups',
  'API keys',
  'Audit log',
  'Permissions',
  'Blueprints',
  'Entities',
  'Scorecards',
  'Events',
  'Saved views',
  'Actions',
  'Automations',
  'Integrations',
  'Health',
  'Meta',
];

const DESCRIPTION = `The REST API of Baseplate, a multi-tenant software catalog. JSON in and out, snake_case fields, RFC 3339 timestamps.

- **Auth**: \`Authorization: Bearer <token>\` with a login token (\`bpt_…\`) or an API key (\`bp_…\`); \`Authorization: ApiKey bp_…\` works too; the browser sends its session cookie. An API key belongs to one team: any other team's path is 404.
- **Errors**: every non-2xx body is \`{"error": {"code", "message", "details"?}}\`.
- **Lists**: cursor pages: \`limit\` (1..1000, default 50) and \`cursor\`; answers carry \`next_cursor\` (null on the last page).
- **Limits**: bodies over 1 MiB are 413 (refused from \`Content-Length\` before they are read). A path whose percent-escapes are not UTF-8 (\`%FF\`) or a malformed \`Host\` is 400 before any route runs; a method a path does not list is 405 \`method_not_allowed\` with \`Allow\`. Every authenticated response carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`; a 429 also \`Retry-After\`.
- **Request ids**: every response carries \`X-Request-Id\`, also written in the server log and the audit rows of the \
request; send your own (1-64 of \`A-Z a-z 0-9 . _ -\`) to have it kept.
- **Permissions**: each operation's \`x-permission\` names the permission it needs in the team; \`x-access\` says who may call it (\`public\`, \`signed_in\`, \`team_member\`).`;

export function buildOpenApiDocument(): object {
  const bodies = Object.fromEntries(Object.entries(BODIES).map(([name, body]) => [name, structuredClone(body.schema)]));
  return {
    openapi: '3.1.0',
    info: { title: 'Baseplate API', version: VERSION, description: DESCRIPTION },
    servers: [{ url: '/', description: 'This Baseplate server' }],
    security: AUTHENTICATED,
    tags: TAGS.map((name) => ({ name })),
    paths: {
      ...identityPaths,
      ...invitationPaths,
      ...groupMappingPaths,
      ...groupPaths,
      ...blueprintPaths,
      ...entityPaths,
      ...searchPaths,
      ...quickSearchPaths,
      ...exportPaths,
      ...teamOpenApiPaths,
      ...scorecardPaths,
      ...scorecardResultPaths,
      ...eventPaths,
      ...savedViewPaths,
      ...actionPaths,
      ...automationPaths,
      ...runPaths,
      ...integrationPaths,
    },
    components: {
      schemas: {
        ...errorSchemas,
        ...viewSchemas,
        ...invitationSchemas,
        ...groupMappingSchemas,
        ...entitySchemas,
        ...searchSchemas,
        ...quickSearchSchemas,
        ...scorecardSchemas,
        ...scorecardResultSchemas,
        ...eventSchemas,
        ...savedViewSchemas,
        ...groupSchemas,
        ...actionSchemas,
        ...automationSchemas,
        ...runSchemas,
        ...integrationSchemas,
        ...bodies,
      },
      responses,
      parameters: {
        ...parameters,
        ...invitationParameters,
        ...groupMappingParameters,
        ...scorecardParameters,
        ...savedViewParameters,
        ...groupParameters,
        ...actionParameters,
        ...automationParameters,
        ...runParameters,
        ...integrationParameters,
      },
      headers,
      securitySchemes,
    },
  };
}
