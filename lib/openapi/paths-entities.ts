import type { BulkResult } from '@/lib/entities/bulk-upsert-entities';
import { bulkDeleteBody, bulkPatchBody } from '@/lib/entities/bulk-edit-schemas';
import type { BulkEditResult } from '@/lib/entities/bulk-patch-entities';
import type { DeleteEntityReport } from '@/lib/entities/delete-entity';
import type { EntityView } from '@/lib/entities/entity-view';
import type { EntityGraph } from '@/lib/relations/get-entity-graph';
import type { HistoryItem } from '@/lib/entities/list-entity-history';
import { bulkEntitiesBody, restoreEntityBody } from '@/lib/entities/schemas';
import { headerRef, paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { arrayOf, nullable, pageOf, str, timestamp, uuid, view } from './view-schemas';

// Paths and schemas of the entity routes (API.md "Entities"). Here an entity's `data` is any
// object; the per-team document (issue 4 item 7, later) types it by each blueprint's schema.

type BulkOk = Extract<BulkResult, { status: 'created' | 'updated' }>;
type BulkError = Extract<BulkResult, { status: 'error' }>;
type BulkEditOk = Extract<BulkEditResult, { status: 'updated' | 'unchanged' | 'deleted' }>;
type BulkEditError = Extract<BulkEditResult, { status: 'error' }>;

export const entitySchemas: Record<string, JsonSchema> = {
  Entity: view<EntityView>(
    'An entity: one record of the catalog, of one blueprint.',
    {
      id: uuid,
      identifier: str,
      blueprint: { ...str, description: "The blueprint's id." },
      title: nullable(str),
      data: {
        type: 'object',
        description:
          "Valid against the blueprint's schema. Numbers are IEEE doubles: integers beyond 2^53 lose precision and a number beyond " +
          'double range (1e400) is a 422, as are NUL characters and lone surrogates in any string or member name (the path is named).',
      },
      owners: arrayOf({ ...str, description: "A group's identifier (GET /teams/{team}/groups)." }),
      relations: {
        type: 'object',
        description:
          'Outgoing links by relation id: a target identifier for many-to-one and one-to-one relations, else an array of identifiers.',
        additionalProperties: { anyOf: [str, { type: 'array', items: str }] },
      },
      related: {
        type: 'object',
        description: "With `include=related` only: each relation's targets, with title and blueprint (always a list).",
        additionalProperties: arrayOf({
          type: 'object',
          required: ['identifier', 'title', 'blueprint'],
          properties: { identifier: str, title: nullable(str), blueprint: str },
        }),
      },
      created_at: timestamp,
      updated_at: timestamp,
      created_by: { ...nullable(str), description: 'The user or API key id that created it.' },
      updated_by: { ...nullable(str), description: 'The user or API key id that last changed it.' },
      scorecards: {
        type: 'object',
        description:
          "With `include=scorecards` only (needs `scorecard:read`): the entity's live result in each scorecard that applies to it, " +
          'by scorecard identifier: its level and whether each rule passes. A scorecard not yet computed, or whose filter leaves ' +
          'the entity out, is absent.',
        additionalProperties: {
          type: 'object',
          required: ['level', 'rules'],
          properties: { level: str, rules: { type: 'object', additionalProperties: { type: 'boolean' } } },
        },
      },
    },
    ['related', 'scorecards'],
  ),
  EntityValidation: {
    type: 'object',
    required: ['valid'],
    properties: { valid: { const: true } },
    description: '`validate_only=true`: the entity would be accepted; nothing was written.',
  },
  EntityVersion: view<HistoryItem>('One version of an entity, from the audit log.', {
    id: uuid,
    action: { ...str, description: 'e.g. `entity.created`, `entity.updated`, `entity.restored`, `entity.deleted`.' },
    version: { type: ['integer', 'null'] },
    restored_version: { type: ['integer', 'null'], description: '`entity.restored`: the version whose title and data it copies.' },
    title: nullable(str),
    data: { description: "The entity's data at that version (JSON, or null)." },
    relations: {
      type: ['object', 'null'],
      description: 'The links it held at that version, by relation id (an identifier or a list), or null where the record has none.',
      additionalProperties: { oneOf: [str, { type: 'array', items: str }] },
    },
    actor_type: str,
    user_id: nullable(uuid),
    api_key_id: nullable(uuid),
    actor_name: { ...nullable(str), description: "The acting user's name (or email), for display." },
    api_key_name: { ...nullable(str), description: "The API key's name when a key made the change." },
    created_at: timestamp,
  }),
  BulkResult: {
    oneOf: [
      view<BulkOk>('An item written.', {
        index: { type: 'integer', minimum: 0 },
        identifier: nullable(str),
        status: { type: 'string', enum: ['created', 'updated'] },
        id: uuid,
      }),
      view<BulkError>('An item refused (nothing of it written).', {
        index: { type: 'integer', minimum: 0 },
        identifier: nullable(str),
        status: { const: 'error' },
        error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str, details: {} } },
      }),
    ],
  },
  BulkEditResult: {
    oneOf: [
      view<BulkEditOk>('An item done (or left as it was).', {
        index: { type: 'integer', minimum: 0 },
        identifier: str,
        status: { type: 'string', enum: ['updated', 'unchanged', 'deleted'] },
      }),
      view<BulkEditError>('An item that failed (nothing of it written).', {
        index: { type: 'integer', minimum: 0 },
        identifier: str,
        status: { const: 'error' },
        error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str, details: {} } },
      }),
    ],
  },
  BulkPatchEntitiesBody: structuredClone(bulkPatchBody.schema) as JsonSchema,
  BulkDeleteEntitiesBody: structuredClone(bulkDeleteBody.schema) as JsonSchema,
  RestoreEntityBody: structuredClone(restoreEntityBody.schema) as JsonSchema,
  EntityGraph: view<EntityGraph>('Entities around one entity (the root, at depth 0) and the links among them.', {
    nodes: arrayOf(
      view<EntityGraph['nodes'][number]>('An entity of the graph.', {
        id: uuid,
        blueprint: str,
        identifier: str,
        title: nullable(str),
        depth: { type: 'integer', minimum: 0, description: 'Hops from the root.' },
      }),
    ),
    edges: arrayOf(
      view<EntityGraph['edges'][number]>('A link: source holds relation to target (node ids).', {
        source: uuid,
        target: uuid,
        relation: { ...str, description: "The relation's id." },
        title: { ...nullable(str), description: "The relation's title, for display." },
      }),
    ),
    truncated: { type: 'boolean', description: 'Some entities or links were left out by limit (or by the 5000-link cap).' },
  }),
  EntityDeletePreview: view<DeleteEntityReport>('What deleting the entity would take with it (nothing was deleted).', {
    dry_run: { const: true },
    entity: str,
    blueprint: str,
    would_delete: view<DeleteEntityReport['would_delete']>('The links that would go.', {
      incoming_links: view<DeleteEntityReport['would_delete']['incoming_links']>(
        'Links of other entities to this one: how many, and the first 100.',
        {
          count: { type: 'integer', minimum: 0 },
          sample: arrayOf(
            view<DeleteEntityReport['would_delete']['incoming_links']['sample'][number]>('A source pointing here.', {
              blueprint: str,
              identifier: str,
              title: nullable(str),
              relation: str,
            }),
          ),
        },
      ),
      outgoing_links: { type: 'integer', minimum: 0 },
    }),
  }),
  /** The route's body schema, with `entities` spelled out: items are checked one by one, each as a create body. */
  BulkEntitiesBody: {
    ...structuredClone(bulkEntitiesBody.schema),
    properties: {
      entities: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: schemaRef('CreateEntityBody'),
        description: '1..1000 entities, upserted by identifier (more or fewer: 400). A bad item fails alone.',
      },
    },
  },
};

const scope = [paramRef('Team'), paramRef('BlueprintId')];
const etag = { ETag: headerRef('ETag') };
const flag = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
});
const bulkEditResults = { type: 'object', required: ['results'], properties: { results: arrayOf(schemaRef('BulkEditResult')) } };
const bulkResults = { type: 'object', required: ['results'], properties: { results: arrayOf(schemaRef('BulkResult')) } };

const write = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceEntity' : 'patchEntity',
    summary: method === 'put' ? "Replace an entity's title and data" : 'Merge-patch an entity (RFC 7396)',
    description:
      (method === 'put'
        ? 'An absent title becomes null; `identifier` may be repeated but not changed (422). '
        : 'A JSON merge patch of `title`, `data`, `relations`; the result is validated. ') + 'A stale If-Match is 409 and changes nothing.',
    tag: 'Entities',
    access: needs('entity:write'),
    body: method === 'put' ? 'ReplaceEntityBody' : 'PatchEntityBody',
    query: [],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The entity as saved.', 'Entity', etag) },
    errors: ['conflict'],
  });

export const entityPaths = {
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities': {
    parameters: scope,
    get: operation('get', {
      id: 'listEntities',
      summary: "A page of the blueprint's entities (newest first unless sorted), optionally filtered by `q`",
      tag: 'Entities',
      access: needs('entity:read'),
      query: [
        paramRef('Limit'),
        paramRef('Cursor'),
        {
          name: 'sort',
          in: 'query',
          description:
            'Comma-separated keys, `-` first for descending: `created_at`, `updated_at`, `identifier`, `title`, `created_by`, `updated_by` or `data.<property>` (typed as in search; missing values last). Default `-created_at`.',
          schema: { type: 'string' },
        },
        {
          name: 'q',
          in: 'query',
          description: 'Case-insensitive substring of the identifier, the title or any string in data.',
          schema: { type: 'string', maxLength: 200 },
        },
        paramRef('Include'),
      ],
      responses: { 200: json('A page of entities.', pageOf('entities', 'Entity')) },
    }),
    post: operation('post', {
      id: 'createEntity',
      summary: 'Create an entity',
      description:
        'An identifier that exists is 409, unless `upsert=true` (then it is replaced: 200). `data` is validated against the blueprint (422 with paths under `/data`).',
      tag: 'Entities',
      access: needs('entity:write'),
      body: 'CreateEntityBody',
      query: [flag('upsert', 'Replace the entity if its identifier exists.'), flag('validate_only', 'Check everything, write nothing.')],
      responses: {
        201: json('Created.', 'Entity', etag),
        200: json(
          'Upserted over an existing entity, or (validate_only) the verdict.',
          { oneOf: [schemaRef('Entity'), schemaRef('EntityValidation')] },
          etag,
        ),
      },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/bulk': {
    parameters: scope,
    post: operation('post', {
      id: 'bulkUpsertEntities',
      summary: 'Upsert up to 1000 entities by identifier',
      description:
        'Valid items are written together; a bad item fails alone and never blocks or half-writes the others. One result per item, in order.',
      tag: 'Entities',
      access: needs('entity:write'),
      body: 'BulkEntitiesBody',
      query: [],
      responses: { 200: json('Every item written.', bulkResults), 207: json('Some items refused: see each result.', bulkResults) },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/bulk-patch': {
    parameters: scope,
    post: operation('post', {
      id: 'bulkPatchEntities',
      summary: 'Apply one merge patch to up to 1000 entities',
      description:
        'Each entity is patched as PATCH .../{identifier} would patch it (RFC 7396 of title, data, relations; then relations_add and relations_remove), validated, audited; all in one transaction. An unknown identifier is a per-item not_found; an entity the patch leaves as it is writes nothing (unchanged).',
      tag: 'Entities',
      access: needs('entity:write'),
      body: 'BulkPatchEntitiesBody',
      query: [],
      responses: {
        200: json('Every entity patched (or unchanged).', bulkEditResults),
        207: json('Some items failed: see each result.', bulkEditResults),
      },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/bulk-delete': {
    parameters: scope,
    post: operation('post', {
      id: 'bulkDeleteEntities',
      summary: 'Delete up to 1000 entities and their links',
      description:
        'Each entity is deleted as DELETE .../{identifier} deletes it (audited, its links with it), all in one transaction. An unknown identifier is a per-item not_found.',
      tag: 'Entities',
      access: needs('entity:delete'),
      body: 'BulkDeleteEntitiesBody',
      query: [],
      responses: { 200: json('Every entity deleted.', bulkEditResults), 207: json('Some items failed: see each result.', bulkEditResults) },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}': {
    parameters: [...scope, paramRef('Identifier')],
    get: operation('get', {
      id: 'getEntity',
      summary: 'One entity',
      tag: 'Entities',
      access: needs('entity:read'),
      query: [paramRef('Include')],
      responses: { 200: json('The entity.', 'Entity', etag) },
    }),
    put: write('put'),
    patch: write('patch'),
    delete: operation('delete', {
      id: 'deleteEntity',
      summary: 'Delete an entity and its links',
      description:
        'Links to and from it go with it (the audit row records who pointed at it). With `dry_run=true`, answers 200 with those links and deletes nothing.',
      tag: 'Entities',
      access: needs('entity:delete'),
      query: [flag('dry_run', 'Report the links that would go; delete nothing.')],
      headers: [paramRef('IfMatch')],
      responses: { 204: noContent('Deleted.'), 200: json('dry_run: what would go.', 'EntityDeletePreview') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/history': {
    parameters: [...scope, paramRef('Identifier')],
    get: operation('get', {
      id: 'listEntityHistory',
      summary: "The entity's versions, newest first",
      tag: 'Entities',
      access: needs('entity:read'),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: { 200: json('A page of versions.', pageOf('versions', 'EntityVersion')) },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/graph': {
    parameters: [...scope, paramRef('Identifier')],
    get: operation('get', {
      id: 'getEntityGraph',
      summary: 'The entities N hops around an entity and the links among them',
      description:
        'upstream follows the links the entity holds (what it depends on), downstream the links to it (what depends on it), both the union of the two (not the undirected neighbourhood: entities that only share a dependency are left out). The nearest `limit` entities are kept (by hops); `truncated` is true when a bound cut some off.',
      tag: 'Entities',
      access: needs('entity:read'),
      query: [
        { name: 'direction', in: 'query', schema: { type: 'string', enum: ['upstream', 'downstream', 'both'], default: 'both' } },
        { name: 'max_hops', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5, default: 2 } },
        {
          name: 'limit',
          in: 'query',
          description: 'At most this many nodes (the root included).',
          schema: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
        },
      ],
      responses: { 200: json('The graph.', 'EntityGraph') },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/{identifier}/restore': {
    parameters: [...scope, paramRef('Identifier')],
    post: operation('post', {
      id: 'restoreEntity',
      summary: 'Restore an old version as a new one',
      description:
        "The title and data of `version` (from the history) are written as the entity's next version, audited as `entity.restored`; history is never rewritten. " +
        "Data that no longer fits the blueprint's current schema is 422 with the faults; a version the entity never had is 404; a stale If-Match is 409. " +
        'With `entity_id` (the `id` of an entity since deleted) the deleted entity comes back under that id, with its own links as they were, as its next version (the Undo of a delete): ' +
        '404 when no deletion of that entity from this blueprint under this identifier is on record (deletions recorded before this field existed included); ' +
        '409 `already_exists` when another entity holds the identifier now; 409 `incoming_links_removed` when the deletion took links of other entities with it (they are not restored); 422 when a link target is gone.',
      tag: 'Entities',
      access: needs('entity:write'),
      body: 'RestoreEntityBody',
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 200: json('The entity as restored (a new version).', 'Entity', etag) },
      errors: ['conflict'],
    }),
  },
};
