import { AUTOMATION_IDENTIFIER } from '@/lib/actions/action-limits';
import { AUTOMATION_EVENTS } from '@/lib/actions/action-types';
import type { AutomationView } from '@/lib/automations/automation-view';
import { headerRef, paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { nullable, pageOf, str, timestamp, view } from './view-schemas';

// Paths and schemas of the automation routes (API.md "Automations", lib/automations): CRUD with ETag / If-Match.

const etag = { ETag: headerRef('ETag') };

export const automationParameters = {
  AutomationId: {
    name: 'automation_id',
    in: 'path',
    required: true,
    description: "The automation's identifier within the team. One that cannot exist is 404.",
    schema: { type: 'string', pattern: AUTOMATION_IDENTIFIER.source },
  },
};

const rules =
  '`on.event`: an entity event, `scorecard.level_changed` (seen from when an automation on it is enabled) or `run.finished`. `on.blueprint` names a blueprint of the team; a condition needs one. ' +
  '`on.condition`: a query tree over the entity (400 with search paths under `on.condition`), or `{"changed": ["<property>", ...]}` for `entity.updated` (properties of the blueprint, or `$title`). ' +
  '`action` names an action of the team (422); `inputs` (an object of templates, or one template) must compile (422 naming the string).';

export const automationSchemas: Record<string, JsonSchema> = {
  Automation: view<AutomationView>('An automation: on an event, run an action.', {
    identifier: str,
    title: str,
    description: nullable(str),
    enabled: { type: 'boolean' },
    on: {
      type: 'object',
      required: ['event', 'blueprint', 'condition'],
      properties: { event: { enum: [...AUTOMATION_EVENTS] }, blueprint: nullable(str), condition: { type: ['object', 'null'] } },
    },
    action: { ...str, description: "The action's identifier." },
    inputs: { type: ['object', 'string', 'null'] },
    created_at: timestamp,
    updated_at: timestamp,
  }),
};

const update = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceAutomation' : 'patchAutomation',
    summary: method === 'put' ? 'Replace an automation' : 'Change an automation (JSON merge patch)',
    description:
      (method === 'put' ? 'The whole automation again. ' : 'An RFC 7396 merge patch, checked as a PUT body once merged. ') + rules,
    tag: 'Automations',
    access: needs('action:write'),
    body: method === 'put' ? 'ReplaceAutomationBody' : 'PatchAutomationBody',
    query: [],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The automation as saved.', 'Automation', etag) },
    errors: ['conflict'],
  });

export const automationPaths = {
  '/api/v1/teams/{team}/automations': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'listAutomations',
      summary: "The team's automations",
      description: 'Oldest first, a cursor page.',
      tag: 'Automations',
      access: needs('action:read'),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: { 200: json('A page of automations.', pageOf('automations', 'Automation')) },
    }),
    post: operation('post', {
      id: 'createAutomation',
      summary: 'Define an automation',
      description: rules,
      tag: 'Automations',
      access: needs('action:write'),
      body: 'CreateAutomationBody',
      query: [],
      responses: { 201: json('The new automation.', schemaRef('Automation'), etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/automations/{automation_id}': {
    parameters: [paramRef('Team'), paramRef('AutomationId')],
    get: operation('get', {
      id: 'getAutomation',
      summary: 'One automation',
      tag: 'Automations',
      access: needs('action:read'),
      query: [],
      responses: { 200: json('The automation.', 'Automation', etag) },
    }),
    put: update('put'),
    patch: update('patch'),
    delete: operation('delete', {
      id: 'deleteAutomation',
      summary: 'Delete an automation',
      tag: 'Automations',
      access: needs('action:write'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 204: noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
};
