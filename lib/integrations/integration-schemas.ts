import { BLUEPRINT_ID } from '@/lib/blueprints/schemas';
import { TEMPLATE_LIMITS } from '@/lib/actions/template';
import { bodySchema } from '@/lib/http/request-body';
import {
  INTEGRATION_IDENTIFIER,
  INTEGRATION_KINDS,
  INTEGRATION_LIMITS,
  SYNC_MODES,
  type IntegrationKind,
  type SyncMode,
} from './integration-limits';

// Request bodies of the integration routes. The shape is checked here (an unknown field is a 400,
// a value out of bounds a 422 with its JSON pointer); the expressions are compiled by
// check-mappings.ts and the blueprints looked up there.

export type MappingInput = {
  blueprint: string;
  selector?: string | null;
  items_to_parse?: string | null;
  entity: {
    identifier: string;
    title?: string | null;
    properties?: Record<string, string>;
    relations?: Record<string, string>;
  };
};

export type IntegrationInput = {
  identifier: string;
  title: string;
  kind: IntegrationKind;
  settings?: Record<string, unknown>;
  mappings: MappingInput[];
  enabled?: boolean;
  deletion_threshold?: number;
};
export type ReplaceIntegrationInput = Omit<IntegrationInput, 'identifier' | 'kind'> & { identifier?: string; kind?: IntegrationKind };

const expression = { type: 'string', minLength: 1, maxLength: TEMPLATE_LIMITS.maxExpressionChars };
const optionalExpression = { type: ['string', 'null'], minLength: 1, maxLength: TEMPLATE_LIMITS.maxExpressionChars };
const expressionMap = {
  type: 'object',
  maxProperties: INTEGRATION_LIMITS.maxMappedFields,
  propertyNames: { minLength: 1, maxLength: 100 },
  additionalProperties: expression,
};

export const mappingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['blueprint', 'entity'],
  properties: {
    blueprint: { type: 'string', pattern: BLUEPRINT_ID },
    selector: optionalExpression,
    items_to_parse: optionalExpression,
    entity: {
      type: 'object',
      additionalProperties: false,
      required: ['identifier'],
      properties: { identifier: expression, title: optionalExpression, properties: expressionMap, relations: expressionMap },
    },
  },
};

const properties = {
  identifier: { type: 'string', pattern: INTEGRATION_IDENTIFIER.source },
  title: { type: 'string', minLength: 1, maxLength: INTEGRATION_LIMITS.titleLength },
  kind: { enum: [...INTEGRATION_KINDS] },
  settings: { type: 'object' },
  mappings: { type: 'array', maxItems: INTEGRATION_LIMITS.maxMappings, items: mappingSchema },
  enabled: { type: 'boolean' },
  deletion_threshold: { type: 'number', minimum: 0, maximum: 1 },
};

export const createIntegrationBody = bodySchema<IntegrationInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'title', 'kind', 'mappings'],
  properties,
});

/** PUT: the whole integration again; `identifier` and `kind` may be repeated but not changed. */
export const replaceIntegrationBody = bodySchema<ReplaceIntegrationInput>({
  type: 'object',
  additionalProperties: false,
  required: ['title', 'mappings'],
  properties,
});

/** PATCH: a JSON merge patch (RFC 7396) of the body form, checked as a PUT body once merged. */
export const patchIntegrationBody = bodySchema<Record<string, unknown>>({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(properties).map((k) => [k, {}])),
});

export type SyncInput = { items: unknown[]; mode?: SyncMode; dry_run?: boolean; force?: boolean };

/** POST .../sync. `items` is checked item by item by the engine (a bad item fails alone). */
export const syncBody = bodySchema<SyncInput>({
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: { type: 'array' },
    mode: { enum: [...SYNC_MODES] },
    dry_run: { type: 'boolean' },
    force: { type: 'boolean' },
  },
});
