import { bodySchema } from '@/lib/http/request-body';
import { IDENTIFIER, type JsonObject } from './schemas';

// Request bodies of bulk-patch and bulk-delete (API.md "Entities"): up to MAX_BULK_EDIT
// identifiers, each of the identifier pattern; the patch is PATCH .../{identifier}'s merge patch
// plus, for relations that hold many targets, targets to add or remove.

export const MAX_BULK_EDIT = 1000;
/** Targets one relation of relations_add / relations_remove may name in one call. */
export const MAX_RELATION_TARGETS = 100;

export type BulkPatch = {
  title?: string | null;
  data?: JsonObject;
  relations?: JsonObject;
  relations_add?: Record<string, string[]>;
  relations_remove?: Record<string, string[]>;
};
export type BulkPatchInput = { identifiers: string[]; patch: BulkPatch };
export type BulkDeleteInput = { identifiers: string[] };

const identifiers = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_BULK_EDIT,
  items: { type: 'string', pattern: IDENTIFIER },
};
const targetLists = {
  type: 'object',
  maxProperties: 100,
  additionalProperties: { type: 'array', minItems: 1, maxItems: MAX_RELATION_TARGETS, items: { type: 'string', pattern: IDENTIFIER } },
};

export const bulkPatchBody = bodySchema<BulkPatchInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifiers', 'patch'],
  properties: {
    identifiers,
    patch: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        title: { type: ['string', 'null'], maxLength: 255 },
        data: { type: 'object' },
        relations: {
          type: 'object',
          description:
            'Merge patch of the links: {"<relation id>": "<target>" | ["<target>", ...] | null}; an array replaces the targets whole, null removes them.',
          additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }] },
        },
        relations_add: { ...targetLists, description: 'Targets to add to a relation that holds many (after `relations`).' },
        relations_remove: { ...targetLists, description: 'Targets to remove from a relation (after `relations_add`).' },
      },
    },
  },
});

export const bulkDeleteBody = bodySchema<BulkDeleteInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifiers'],
  properties: { identifiers },
});
