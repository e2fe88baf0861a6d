import { RELATION_ID, RELATION_TYPES } from './relation-types';

// The `relations` field of a blueprint body (API.md "Blueprints"): {"<id>": {title?, target,
// type?, required?, renamed_from?}}. `type` defaults to many-to-many, `required` to false;
// `renamed_from` renames an existing relation and keeps its links (write only, never in a view). Whether the target
// exists and whether an id clashes with a schema property are the service's checks (422).

export const MAX_RELATIONS_PER_BLUEPRINT = 100;

/** `blueprintId`: the blueprint id pattern, passed in by lib/blueprints/schemas.ts (no import cycle). */
export const relationsBodySchema = (blueprintId: string) => ({
  type: 'object',
  maxProperties: MAX_RELATIONS_PER_BLUEPRINT,
  propertyNames: { pattern: RELATION_ID },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['target'],
    properties: {
      title: { type: ['string', 'null'], maxLength: 100 },
      target: { type: 'string', pattern: blueprintId },
      type: { enum: [...RELATION_TYPES] },
      required: { type: 'boolean' },
      renamed_from: { type: 'string', pattern: RELATION_ID },
    },
  },
});
