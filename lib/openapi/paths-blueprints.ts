import { RATE_LIMIT_HEADERS, headerRef, paramRef, schemaRef } from './components';
import { json, needs, noContent, operation } from './operation';
import { pageOf } from './view-schemas';

// Paths of the blueprint routes (API.md "Blueprints"). Every answer that carries one blueprint
// has its ETag; writes take If-Match (a stale one is 409 and changes nothing).

const team = [paramRef('Team')];
const etag = { ETag: headerRef('ETag') };

const schemaConflict = {
  description:
    '409 `conflict`: the blueprint changed since the If-Match version, or some existing entities would fail the new schema (then `details` holds their count and a sample; send `?force=true` to save anyway).',
  headers: RATE_LIMIT_HEADERS,
  content: {
    'application/json': {
      schema: {
        allOf: [
          schemaRef('Error'),
          {
            type: 'object',
            properties: { error: { type: 'object', properties: { code: { const: 'conflict' }, details: schemaRef('FailingEntities') } } },
          },
        ],
      },
    },
  },
};

const update = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceBlueprint' : 'patchBlueprint',
    summary: method === 'put' ? "Replace a blueprint's title, description, icon and schema" : 'Change the top-level fields given',
    description:
      (method === 'put'
        ? 'Absent optional fields become null; `id` may be repeated but not changed (422). '
        : 'Each field given replaces its own (`schema` as a whole); the rest stay. ') +
      'A new schema is checked against draft 2020-12 (422 with paths under `/schema`) and against the existing entities (409 unless `force=true`). ' +
      '`relations` (PUT: absent means none; PATCH: the whole map when given): removing a relation, changing its target or tightening its type removes the links that no longer fit, which is a 409 `{relations: [{relation, change, links}]}` unless `force=true`; so is making a relation required while some entities lack its link (`{relation, change: "required", entities, entities_is_lower_bound}`). ' +
      'To rename a relation and keep its links, send it under its new id with `renamed_from: "<old id>"`. ' +
      "A schema or relation change that would make a scorecard's filter or rule fail to type (this blueprint's scorecards, or those reaching it through a relation) is a 409 `scorecard_impact` with `{scorecards: [{scorecard, blueprint, rule, message}]}`, whatever `force` says.",
    tag: 'Blueprints',
    access: needs('blueprint:write'),
    body: method === 'put' ? 'ReplaceBlueprintBody' : 'PatchBlueprintBody',
    query: [paramRef('Force')],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The blueprint as saved (its version bumped).', 'Blueprint', etag) },
    errors: ['conflict'],
  });

/** The 409 of a schema change carries FailingEntities: more specific than the shared Conflict. */
function withSchemaConflict(op: object): object {
  const o = op as { responses: Record<string, unknown> };
  return { ...o, responses: { ...o.responses, 409: schemaConflict } };
}

export const blueprintPaths = {
  '/api/v1/teams/{team}/blueprints': {
    parameters: team,
    get: operation('get', {
      id: 'listBlueprints',
      summary: "The team's blueprints with their entity counts",
      tag: 'Blueprints',
      access: needs('blueprint:read'),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: { 200: json('A page of blueprints, oldest first.', pageOf('blueprints', 'Blueprint')) },
    }),
    post: operation('post', {
      id: 'createBlueprint',
      summary: 'Create a blueprint',
      description:
        '`id` is unique within the team (409 if taken; two teams may both have `service`). `schema` must be a draft 2020-12 JSON Schema with `type: "object"` (422 with paths under `/schema`). `relations` defines links to blueprints of the same team (a missing target or an id that is also a schema property: 422).',
      tag: 'Blueprints',
      access: needs('blueprint:write'),
      body: 'CreateBlueprintBody',
      query: [],
      responses: { 201: json('The new blueprint.', 'Blueprint', etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}': {
    parameters: [...team, paramRef('BlueprintId')],
    get: operation('get', {
      id: 'getBlueprint',
      summary: 'One blueprint with its entity count',
      tag: 'Blueprints',
      access: needs('blueprint:read'),
      query: [],
      responses: { 200: json('The blueprint.', 'Blueprint', etag) },
    }),
    put: withSchemaConflict(update('put')),
    patch: withSchemaConflict(update('patch')),
    delete: operation('delete', {
      id: 'deleteBlueprint',
      summary: 'Delete a blueprint and, by cascade, its entities',
      description:
        'With `dry_run=true`, answers 200 with what would go and deletes nothing. A blueprint that a scorecard of another blueprint reaches (through a relation, or `relatedTo`) is not deleted: 409 `scorecard_impact`.',
      tag: 'Blueprints',
      access: needs('blueprint:delete'),
      query: [paramRef('DryRun')],
      headers: [paramRef('IfMatch')],
      responses: {
        200: json('Dry run: what the delete would take with it.', 'BlueprintDeletePreview'),
        204: noContent('Deleted, with its entities.'),
      },
      errors: ['conflict'],
    }),
  },
};
