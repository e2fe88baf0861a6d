import { bodySchema } from '@/lib/http/request-body';
import { UUID_PATTERN } from '@/lib/domain/uuid';
import { ownersSchema as owners } from '@/lib/groups/schemas';

// Request bodies of the entity routes (API.md "Entities"). The shape is checked here; `data`
// against the blueprint's JSON Schema, and `relations`, in the entity service (check-entity-input.ts).

export const IDENTIFIER = '^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,254}$';
const IDENTIFIER_RE = new RegExp(IDENTIFIER);

export function isIdentifier(value: string): boolean {
  return IDENTIFIER_RE.test(value);
}

export type JsonObject = Record<string, unknown>;
/** `owners`: identifiers of the team's groups (checked against them in the service, lib/groups/check-owners.ts). */
export type CreateEntityInput = { identifier: string; title?: string | null; data: JsonObject; relations?: JsonObject; owners?: string[] };
export type ReplaceEntityInput = {
  identifier?: string;
  title?: string | null;
  data: JsonObject;
  relations?: JsonObject;
  owners?: string[];
};
export type PatchEntityInput = { title?: string | null; data?: JsonObject; relations?: JsonObject; owners?: string[] | null };
export type BulkEntitiesInput = { entities: unknown[] };

const identifier = { type: 'string', pattern: IDENTIFIER };
const title = { type: ['string', 'null'], maxLength: 255 };
const data = { type: 'object' };
/** Targets by relation id; identifiers, the relation and the cardinality are checked in the service (422 under /relations). */
const relations = {
  type: 'object',
  description:
    '{"<relation id>": "<target identifier>" | ["<identifier>", ...]}: a many-to-one or one-to-one relation takes one identifier; null (PATCH) removes the relation\'s links.',
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }] },
};

export const createEntityBody = bodySchema<CreateEntityInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'data'],
  properties: { identifier, title, data, relations, owners },
});

/** PUT: title and data again (an absent title becomes null); `identifier` may be repeated but not changed. */
export const replaceEntityBody = bodySchema<ReplaceEntityInput>({
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: { identifier, title, data, relations, owners },
});

/** PATCH: an RFC 7396 merge patch of {title, data, relations}. */
export const patchEntityBody = bodySchema<PatchEntityInput>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { title, data, relations, owners: { anyOf: [owners, { type: 'null' }] } },
});

/** Bulk: items are checked one by one in the service, so one bad item only fails itself. */
export const bulkEntitiesBody = bodySchema<BulkEntitiesInput>(
  {
    type: 'object',
    additionalProperties: false,
    required: ['entities'],
    properties: { entities: { type: 'array' } },
  },
  { itemsAt: '/entities' },
);

export type RestoreEntityInput = { version: number; entity_id?: string };

/**
 * Restore: the version (from the entity's history) whose title and data become a new version;
 * `entity_id` (the entity's `id`) also brings back a deleted entity (restore-deleted-entity.ts).
 */
export const restoreEntityBody = bodySchema<RestoreEntityInput>({
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { type: 'integer', minimum: 1, maximum: 2147483647 },
    entity_id: { type: 'string', pattern: UUID_PATTERN },
  },
});
