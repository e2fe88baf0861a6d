import { bodySchema } from '@/lib/http/request-body';
import { TRIGGERS, WEBHOOK_LIMITS, WEBHOOK_METHODS, type HeaderInput } from './action-types';
import { ACTION_IDENTIFIER, ACTION_LIMITS } from './action-limits';

// Request bodies of the action routes (API.md "Actions and runs"). The shape is checked here: an
// unknown field is a 400 naming it, a value out of bounds a 422 with its JSON pointer
// (`/steps/0/timeout_ms`). What needs the team's data or another parser (blueprints, the
// condition's query tree, templates, URLs, the inputs' JSON Schema) is check-action.ts's.

export type ApprovalInput = { required: boolean; allow_self?: boolean };

export type ActionInput = {
  identifier: string;
  title: string;
  description?: string | null;
  icon?: string | null;
  blueprint: string;
  trigger: (typeof TRIGGERS)[number];
  condition?: Record<string, unknown> | null;
  user_inputs: Record<string, unknown>;
  steps: Array<Record<string, unknown> & { type: string }>;
  approval?: ApprovalInput | null;
  enabled?: boolean;
};
export type ReplaceActionInput = Omit<ActionInput, 'identifier'> & { identifier?: string };

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const template = { type: 'string', minLength: 1, maxLength: 1000 };

const headerValue = {
  oneOf: [
    { type: 'string', maxLength: ACTION_LIMITS.headerValueLength },
    {
      type: 'object',
      additionalProperties: false,
      required: ['secret'],
      properties: { secret: { const: true }, value: { type: 'string', minLength: 1, maxLength: ACTION_LIMITS.headerValueLength } },
    },
  ],
};

const STEP_SHAPES: Record<string, object> = {
  webhook: {
    required: ['method', 'url'],
    properties: {
      type: {},
      method: { enum: [...WEBHOOK_METHODS] },
      url: { type: 'string', minLength: 1, maxLength: ACTION_LIMITS.urlLength },
      headers: { type: 'object', maxProperties: ACTION_LIMITS.maxHeaders, additionalProperties: headerValue },
      body: {},
      timeout_ms: { type: 'integer', minimum: 100, maximum: WEBHOOK_LIMITS.maxTimeoutMs },
      retries: { type: 'integer', minimum: 0, maximum: WEBHOOK_LIMITS.maxRetries },
      wait_for_report: { type: 'boolean' },
      report_timeout_s: { type: 'integer', minimum: 1, maximum: WEBHOOK_LIMITS.maxReportTimeoutS },
    },
  },
  'upsert-entity': {
    required: ['blueprint', 'identifier'],
    properties: { type: {}, blueprint: text(50), identifier: template, title: template, data: {}, relations: {} },
  },
  'delete-entity': { required: ['blueprint', 'identifier'], properties: { type: {}, blueprint: text(50), identifier: template } },
  approval: { properties: { type: {} } },
};

/** One step: its `type` first, then the fields of that type (an `if` per type, so faults name the step's own fields). */
export const stepSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: Object.keys(STEP_SHAPES) } },
  allOf: Object.entries(STEP_SHAPES).map(([type, shape]) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { ...shape, additionalProperties: false },
  })),
};

const properties = {
  identifier: { type: 'string', pattern: ACTION_IDENTIFIER.source },
  title: text(ACTION_LIMITS.titleLength),
  description: { type: ['string', 'null'], maxLength: ACTION_LIMITS.descriptionLength },
  icon: { type: ['string', 'null'], maxLength: ACTION_LIMITS.iconLength },
  blueprint: text(50),
  trigger: { enum: [...TRIGGERS] },
  condition: { type: ['object', 'null'] },
  user_inputs: { type: 'object' },
  steps: { type: 'array', minItems: 1, maxItems: ACTION_LIMITS.maxSteps, items: stepSchema },
  approval: {
    type: ['object', 'null'],
    additionalProperties: false,
    required: ['required'],
    properties: { required: { type: 'boolean' }, allow_self: { type: 'boolean' } },
  },
  enabled: { type: 'boolean' },
};
const required = ['title', 'blueprint', 'trigger', 'user_inputs', 'steps'];

export const createActionBody = bodySchema<ActionInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', ...required],
  properties,
});

/** PUT: the whole action again; `identifier` may be repeated but not changed. */
export const replaceActionBody = bodySchema<ReplaceActionInput>({ type: 'object', additionalProperties: false, required, properties });

/** PATCH: a JSON merge patch (RFC 7396) of the body form, checked as a PUT body once merged. */
export const patchActionBody = bodySchema<Record<string, unknown>>({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(properties).map((k) => [k, {}])),
});

export type { HeaderInput };
