import { ACTION_IDENTIFIER, AUTOMATION_IDENTIFIER, AUTOMATION_LIMITS } from '@/lib/actions/action-limits';
import { AUTOMATION_EVENTS, type AutomationEvent } from '@/lib/actions/action-types';
import { bodySchema } from '@/lib/http/request-body';

// Request bodies of the automation routes (API.md "Automations"). The shape is checked here (an
// unknown field is a 400, a value out of bounds a 422 with its JSON pointer); the event's
// support, the blueprint, the condition, the action and the inputs' templates are
// check-automation.ts's.

export type AutomationInput = {
  identifier: string;
  title: string;
  description?: string | null;
  enabled?: boolean;
  on: { event: AutomationEvent; blueprint?: string | null; condition?: Record<string, unknown> | null };
  action: string;
  inputs?: Record<string, unknown> | string | null;
};
export type ReplaceAutomationInput = Omit<AutomationInput, 'identifier'> & { identifier?: string };

const properties = {
  identifier: { type: 'string', pattern: AUTOMATION_IDENTIFIER.source },
  title: { type: 'string', minLength: 1, maxLength: AUTOMATION_LIMITS.titleLength },
  description: { type: ['string', 'null'], maxLength: AUTOMATION_LIMITS.descriptionLength },
  enabled: { type: 'boolean' },
  on: {
    type: 'object',
    additionalProperties: false,
    required: ['event'],
    properties: {
      event: { enum: [...AUTOMATION_EVENTS] },
      blueprint: { type: ['string', 'null'], minLength: 1, maxLength: 50 },
      condition: { type: ['object', 'null'] },
    },
  },
  action: { type: 'string', pattern: ACTION_IDENTIFIER.source },
  inputs: { type: ['object', 'string', 'null'] },
};
const required = ['title', 'on', 'action'];

export const createAutomationBody = bodySchema<AutomationInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', ...required],
  properties,
});

/** PUT: the whole automation again; `identifier` may be repeated but not changed. */
export const replaceAutomationBody = bodySchema<ReplaceAutomationInput>({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

/** PATCH: a JSON merge patch (RFC 7396) of the body form, checked as a PUT body once merged. */
export const patchAutomationBody = bodySchema<Record<string, unknown>>({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(properties).map((k) => [k, {}])),
});
