import { RUN_STATUSES } from '@/lib/actions/action-types';
import type { LogView } from '@/lib/runs/run-logs';
import type { RunView } from '@/lib/runs/run-view';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { arrayOf, nullable, pageOf, str, timestamp, uuid, view } from './view-schemas';

// Runs of actions (docs/API.md "Actions and runs"): asking, reading, the external system's
// reports (a run token or action:execute), approvals, cancels and the log (a list or a live stream).

const anyJson = { description: 'Any JSON value.' };
const tag = 'Actions';
const obj = { type: 'object' };

export const runParameters = {
  ActionId: {
    name: 'action_id',
    in: 'path',
    required: true,
    description: "The action's identifier within the team. One that does not exist is 404.",
    schema: { type: 'string', maxLength: 100 },
  },
  RunId: {
    name: 'run_id',
    in: 'path',
    required: true,
    description: "The run's id (a UUID). Another team's run, or (with a run token) another run, is 404.",
    schema: { type: 'string', format: 'uuid' },
  },
};

export const runSchemas: Record<string, JsonSchema> = {
  Run: view<RunView>('One run of an action.', {
    id: uuid,
    action: { ...str, description: "The action's identifier (as it was when the run was asked)." },
    action_title: str,
    blueprint: str,
    entity: { ...nullable(str), description: 'The identifier of the entity acted on (null for a create action).' },
    status: { type: 'string', enum: [...RUN_STATUSES] },
    inputs: obj,
    requested_by: {
      ...obj,
      description: '{type: "user", id, email, name} | {type: "api_key", id, name} | {type: "automation", id, identifier}',
    },
    steps: arrayOf({
      type: 'object',
      required: ['type', 'status', 'started_at', 'finished_at', 'attempts', 'output'],
      properties: {
        type: { type: 'string', enum: ['webhook', 'upsert-entity', 'delete-entity', 'approval'] },
        status: { type: 'string', enum: ['pending', 'running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'] },
        started_at: nullable(timestamp),
        finished_at: nullable(timestamp),
        attempts: { type: 'integer', minimum: 0 },
        output: { ...anyJson, description: 'A webhook: {status, body} (the first 4096 characters); an entity step: what it wrote.' },
      },
    }),
    approval: { ...anyJson, description: 'The decision: {decision, by, comment, at}, or null.' },
    self_approval: { type: 'boolean', description: "Whether the requester may decide on the run (the action's approval.allow_self)." },
    link: nullable(str),
    summary: nullable(str),
    error: nullable(str),
    report_deadline: {
      ...nullable(timestamp),
      description: 'A webhook step with wait_for_report: the run fails when no final status is reported by then.',
    },
    created_at: timestamp,
    started_at: nullable(timestamp),
    finished_at: nullable(timestamp),
  }),
  RunPage: pageOf('runs', 'Run'),
  RunLogLine: view<LogView>('One line of a run log.', {
    id: { type: 'integer', description: 'Increasing within the run; the SSE event id.' },
    at: timestamp,
    level: { type: 'string', enum: ['debug', 'info', 'warn', 'error'] },
    step: { ...nullable({ type: 'integer' }), description: 'The step (0-based), or null for the run.' },
    source: { type: 'string', enum: ['baseplate', 'external'] },
    message: str,
  }),
  RunLogPage: {
    type: 'object',
    required: ['logs', 'next_cursor', 'status'],
    properties: {
      logs: arrayOf(schemaRef('RunLogLine')),
      next_cursor: { ...nullable(str), description: 'More lines are there now: pass it as `cursor`.' },
      status: { type: 'string', enum: [...RUN_STATUSES] },
    },
  },
};

const query = (name: string, description: string, schema: JsonSchema = str) => ({ name, in: 'query', description, schema });
const runPath = [paramRef('Team'), paramRef('RunId')];
const byToken =
  'Also callable with the run token (`Authorization: Bearer bprun_…`, sent in the webhook body as `run.token`) of this run, until it finishes; a run token works on no other route.';

export const runPaths = {
  '/api/v1/teams/{team}/actions/{action_id}/runs': {
    parameters: [paramRef('Team'), paramRef('ActionId')],
    post: operation('post', {
      id: 'createRun',
      summary: 'Run an action',
      description:
        "Checks the inputs against the action's `user_inputs` (422 with paths under `/inputs`), the entity (day-2 and delete: of the action's blueprint, else 404; it must meet the condition: 422 `condition_not_met`), records the run (`queued`, or `waiting_approval` when the action requires an approval) and starts it. A disabled action is 409 `action_disabled`. The same `idempotency_key` again answers the same run with 200.",
      tag,
      access: needs('action:execute'),
      body: 'RunRequestBody',
      responses: { 202: json('The run, asked.', 'Run'), 200: json('The run asked before with the same idempotency key.', 'Run') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/runs': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'listRuns',
      summary: "The team's runs, newest first",
      tag,
      access: needs('action:read'),
      query: [
        query('action', "Only this action's runs (its identifier)."),
        query('entity', "Only this entity's runs (with `blueprint`)."),
        query('blueprint', "Only the runs of this blueprint's actions; with `entity`, the blueprint of that entity."),
        query('status', 'Only runs in this status.', { type: 'string', enum: [...RUN_STATUSES] }),
        query('since', 'Only runs asked at or after this instant.', timestamp),
        query('limit', 'Runs per page (1..1000).', { type: 'integer', minimum: 1, maximum: 1000, default: 50 }),
        paramRef('Cursor'),
      ],
      responses: { 200: json('A page of runs.', 'RunPage') },
    }),
  },
  '/api/v1/teams/{team}/runs/{run_id}': {
    parameters: runPath,
    get: operation('get', {
      id: 'getRun',
      summary: 'One run with its steps',
      tag,
      access: needs('action:read'),
      responses: { 200: json('The run.', 'Run') },
    }),
    patch: operation('patch', {
      id: 'updateRun',
      summary: "The external system's report",
      description: `Sets \`link\` and \`summary\`; a final \`status\` ends the run (\`succeeded\` after a step that waited for this report lets the next steps run). A finished run is 409 \`run_finished\`. ${byToken}`,
      tag,
      access: needs('action:execute'),
      body: 'RunReportBody',
      responses: { 200: json('The run.', 'Run') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/runs/{run_id}/logs': {
    parameters: runPath,
    get: operation('get', {
      id: 'listRunLogs',
      summary: 'The run log',
      description:
        'A cursor list; with `Accept: text/event-stream`, a live stream: `event: log` (data: a RunLogLine, `id:` its id; `Last-Event-ID` resumes after it), `event: status` on each status change, `event: end` when the run has finished and its lines are sent. A stream lasts at most 10 minutes (reconnect to go on); 503 when the server holds too many.',
      tag,
      access: needs('action:read'),
      query: [
        query('limit', 'Lines per page (1..1000).', { type: 'integer', minimum: 1, maximum: 1000, default: 500 }),
        paramRef('Cursor'),
      ],
      responses: {
        200: {
          description: 'The lines after the cursor (or the stream).',
          content: { 'application/json': { schema: schemaRef('RunLogPage') }, 'text/event-stream': { schema: str } },
        },
      },
    }),
    post: operation('post', {
      id: 'createRunLog',
      summary: 'Add a line to the run log',
      description: `A finished run's log is closed (409 \`run_finished\`); a run keeps at most 5000 lines (409 \`log_full\`). ${byToken}`,
      tag,
      access: needs('action:execute'),
      body: 'RunLogBody',
      responses: { 204: noContent('Added.') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/runs/{run_id}/approval': {
    parameters: runPath,
    post: operation('post', {
      id: 'decideRunApproval',
      summary: 'Approve or reject a waiting run',
      description:
        "Approve: the run goes on. Reject: the run ends `cancelled`, the decision in `approval`. The requester cannot decide (403 `self_approval`) unless the action's `approval.allow_self`; a run not waiting is 409 `not_waiting_approval`.",
      tag,
      access: needs('action:approve'),
      body: 'RunApprovalBody',
      responses: { 200: json('The run.', 'Run') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/runs/{run_id}/cancel': {
    parameters: runPath,
    post: operation('post', {
      id: 'cancelRun',
      summary: 'Cancel a queued or waiting run',
      description: 'A run that is running or finished is 409 `run_not_cancellable`.',
      tag,
      access: needs('action:execute'),
      responses: { 200: json('The run, cancelled.', 'Run') },
      errors: ['conflict'],
    }),
  },
};
