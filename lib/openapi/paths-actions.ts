import { ACTION_IDENTIFIER, ACTION_LIMITS, ENTITY_INPUT_FORMAT } from '@/lib/actions/action-limits';
import { TRIGGERS, WEBHOOK_METHODS } from '@/lib/actions/action-types';
import type { ActionView } from '@/lib/actions/action-view';
import { headerRef, paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { arrayOf, nullable, pageOf, str, timestamp, view } from './view-schemas';

// Paths and schemas of the action routes (API.md "Actions and runs", lib/actions): CRUD with
// ETag / If-Match, the signing secret shown once, and the actions offered on an entity.

const etag = { ETag: headerRef('ETag') };

export const actionParameters = {
  ActionId: {
    name: 'action_id',
    in: 'path',
    required: true,
    description: "The action's identifier within the team (API.md's `{action}`). One that cannot exist is 404.",
    schema: { type: 'string', pattern: ACTION_IDENTIFIER.source },
  },
};

const rules =
  '`blueprint` names a blueprint of the team (422 otherwise), for every trigger. `condition` (day-2 and delete only: a create has no entity, 422) is a query tree of the search body typed against the blueprint (400 whose `details.path` names the place, e.g. `condition.rules[0].operator`). ' +
  `\`user_inputs\` is a JSON Schema of an object held to the blueprint-schema checks (422 under \`/user_inputs\`); an input naming an entity is \`{"type": "string", "format": "${ENTITY_INPUT_FORMAT}", "blueprint": "<bp>"}\` (or an array of those), and its blueprint must exist. ` +
  `\`steps\`: 1 to ${ACTION_LIMITS.maxSteps}; an unknown field is 400. A webhook's \`url\` without a template must be http(s), carry no credentials, and not be a private IP literal unless BASEPLATE_OUTBOUND_ALLOW allows it (the runner checks again after DNS); header names are HTTP tokens other than Host, Content-Length, Transfer-Encoding, Connection and X-Baseplate-*; every \`"{{ }}"\` template must compile (422 naming the string, e.g. \`/steps/0/body/name\`). ` +
  'A header value `{"value": "...", "secret": true}` is stored encrypted and answered as `{"secret": true}`; `{"secret": true}` alone on PUT / PATCH keeps the value stored for that header name in the step at the same position (422 if none). ' +
  `At most ${ACTION_LIMITS.maxPerTeam} actions per team and ${ACTION_LIMITS.maxPerBlueprint} per blueprint (409 \`limit_reached\`).`;

const stepSchema: JsonSchema = {
  type: 'object',
  required: ['type'],
  description:
    'webhook {method, url, headers?, body?, timeout_ms?, retries?, wait_for_report?, report_timeout_s?}, upsert-entity {blueprint, identifier, title?, data?, relations?}, delete-entity {blueprint, identifier}, approval {}.',
  properties: {
    type: { enum: ['webhook', 'upsert-entity', 'delete-entity', 'approval'] },
    method: { enum: [...WEBHOOK_METHODS] },
    url: str,
    headers: { type: 'object', additionalProperties: { oneOf: [str, { type: 'object', properties: { secret: { const: true } } }] } },
  },
};

export const actionSchemas: Record<string, JsonSchema> = {
  Action: view<ActionView>('A self-service action. Secrets are never returned.', {
    identifier: str,
    title: str,
    description: nullable(str),
    icon: nullable(str),
    blueprint: { ...str, description: "The blueprint's id." },
    trigger: { enum: [...TRIGGERS] },
    condition: { oneOf: [schemaRef('SearchGroup'), { type: 'null' }], description: 'Where it is offered; null: on every entity.' },
    user_inputs: { type: 'object', description: 'A JSON Schema of the inputs form.' },
    steps: arrayOf(stepSchema),
    approval: {
      oneOf: [{ type: 'object', properties: { required: { type: 'boolean' }, allow_self: { type: 'boolean' } } }, { type: 'null' }],
    },
    enabled: { type: 'boolean' },
    created_at: timestamp,
    updated_at: timestamp,
  }),
  ActionCreated: {
    allOf: [schemaRef('Action'), { type: 'object', required: ['signing_secret'], properties: { signing_secret: str } }],
    description: 'The new action with its webhook signing secret: shown this once.',
  },
};

const update = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceAction' : 'patchAction',
    summary: method === 'put' ? 'Replace an action' : 'Change an action (JSON merge patch)',
    description:
      (method === 'put'
        ? 'The whole action again; `identifier` may be repeated but not changed (422). '
        : 'An RFC 7396 merge patch of the action as GET answers it (arrays such as `steps` are replaced whole); the result is checked as a PUT body. ') +
      rules,
    tag: 'Actions',
    access: needs('action:write'),
    body: method === 'put' ? 'ReplaceActionBody' : 'PatchActionBody',
    query: [],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The action as saved.', 'Action', etag) },
    errors: ['conflict'],
  });

const offered = { type: 'object', required: ['actions'], properties: { actions: arrayOf(schemaRef('Action')) } };

export const actionPaths = {
  '/api/v1/teams/{team}/actions': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'listActions',
      summary: "The team's actions",
      description: 'Oldest first, a cursor page.',
      tag: 'Actions',
      access: needs('action:read'),
      query: [
        { name: 'blueprint', in: 'query', description: 'Only the actions of this blueprint.', schema: str },
        { name: 'trigger', in: 'query', description: 'Only the actions of this trigger.', schema: { enum: [...TRIGGERS] } },
        paramRef('Limit'),
        paramRef('Cursor'),
      ],
      responses: { 200: json('A page of actions.', pageOf('actions', 'Action')) },
    }),
    post: operation('post', {
      id: 'createAction',
      summary: 'Define an action',
      description: 'The answer carries `signing_secret` (webhook signatures), shown this once. ' + rules,
      tag: 'Actions',
      access: needs('action:write'),
      body: 'CreateActionBody',
      query: [],
      responses: { 201: json('The new action and its signing secret.', 'ActionCreated', etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/actions/{action_id}': {
    parameters: [paramRef('Team'), paramRef('ActionId')],
    get: operation('get', {
      id: 'getAction',
      summary: 'One action',
      tag: 'Actions',
      access: needs('action:read'),
      query: [],
      responses: { 200: json('The action.', 'Action', etag) },
    }),
    put: update('put'),
    patch: update('patch'),
    delete: operation('delete', {
      id: 'deleteAction',
      summary: 'Delete an action',
      description:
        'Its finished runs go with it. 409 `in_use` (with `details.automations`) while an automation runs it, 409 `runs_open` (with `details.runs`) while a run is queued, waiting or running.',
      tag: 'Actions',
      access: needs('action:write'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 204: noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/actions/{action_id}/rotate-secret': {
    parameters: [paramRef('Team'), paramRef('ActionId')],
    post: operation('post', {
      id: 'rotateActionSecret',
      summary: "A new signing secret for the action's webhooks",
      description: 'Answered this once; the old secret stops signing at once.',
      tag: 'Actions',
      access: needs('action:write'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: {
        200: json('The new secret.', { type: 'object', required: ['signing_secret'], properties: { signing_secret: str } }, etag),
      },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/actions': {
    parameters: [paramRef('Team'), paramRef('BlueprintId')],
    get: operation('get', {
      id: 'listBlueprintCreateActions',
      summary: "The create actions offered on the blueprint's catalog",
      description: 'Its enabled actions with the trigger `create`, by title.',
      tag: 'Actions',
      access: needs('action:read'),
      query: [],
      responses: { 200: json('The actions.', offered) },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/actions': {
    parameters: [paramRef('Team'), paramRef('BlueprintId'), paramRef('Identifier')],
    get: operation('get', {
      id: 'listEntityActions',
      summary: 'The actions offered on an entity',
      description:
        "The blueprint's enabled day-2 and delete actions whose condition matches the entity (checked in the database as a search would), by title. Also needs `entity:read` (403). Running one needs `action:execute`.",
      tag: 'Actions',
      access: needs('action:read'),
      query: [],
      responses: { 200: json('The actions.', offered) },
    }),
  },
};
