import { PAGE_SIZES, VIEW_IDENTIFIER, VIEW_LIMITS } from '@/lib/domain/saved-views';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';
import { headerRef, paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { arrayOf, nullable, str, timestamp, view } from './view-schemas';

// Paths and schemas of the saved-view routes (API.md "Saved views", lib/saved-views): CRUD with
// ETag / If-Match, per blueprint.

const etag = { ETag: headerRef('ETag') };
const scope = [paramRef('Team'), paramRef('BlueprintId')];

export const savedViewParameters = {
  ViewId: {
    name: 'view_id',
    in: 'path',
    required: true,
    description:
      "The view's identifier within the blueprint (API.md's `{view}`). One that cannot exist, or someone else's private view, is 404.",
    schema: { type: 'string', pattern: VIEW_IDENTIFIER.source },
  },
};

const rules =
  "A private view (`shared` false or absent) is its owner's alone: the caller, or for an API key the person who made it; others get 404. " +
  'Sharing a view with the team (`shared: true`), changing or deleting a shared view, and `default: true` (one per blueprint, shared views only: it takes the flag from the previous default) need `entity:write` besides `entity:read` (403). The system has no private views. ' +
  "`query` and `sort` are the search body's, parsed and typed against the blueprint as a search would (400 whose `details.path` names the place, e.g. `query.rules[0].operator`); " +
  `\`columns\`: at most ${VIEW_LIMITS.maxColumns} of the table's columns (properties, meta-properties, relations, \`$scorecard.<sc>\` levels): an unknown one is 422 naming it (\`/columns/2\`); ` +
  `\`page_size\`: one of ${PAGE_SIZES.join(', ')}. Identifiers are unique per blueprint across the team's views, private ones included (409 \`already_exists\`, without saying whose); ` +
  `at most ${VIEW_LIMITS.maxPerOwner} private views per person and ${VIEW_LIMITS.maxPerOwner} shared views per blueprint (409 \`limit_reached\`).`;

export const savedViewSchemas: Record<string, JsonSchema> = {
  SavedView: view<SavedViewView>("A saved view of a blueprint's catalog table.", {
    identifier: str,
    blueprint: { ...str, description: "The blueprint's id." },
    title: str,
    shared: { type: 'boolean', description: 'Shared with the team; false: private to its owner.' },
    default: { type: 'boolean', description: "The blueprint's default view (opened when the catalog is opened without one)." },
    owner_id: { ...nullable({ type: 'string' }), description: 'The owner of a private view; null when shared.' },
    query: { oneOf: [schemaRef('SearchGroup'), { type: 'null' }], description: 'The filter; null: none.' },
    sort: arrayOf({ type: 'object', required: ['property', 'order'], properties: { property: str, order: { enum: ['asc', 'desc'] } } }),
    columns: { ...nullable({ type: 'array' }), items: str, description: 'Column keys in order; null: the default columns.' },
    page_size: { enum: [...PAGE_SIZES, null] },
    created_at: timestamp,
    updated_at: timestamp,
  }),
};

const update = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceSavedView' : 'patchSavedView',
    summary: method === 'put' ? 'Replace a saved view' : 'Change a saved view (JSON merge patch)',
    description:
      (method === 'put'
        ? 'The whole view again (absent fields: no filter, default order and columns, private, not the default); `identifier` may be repeated but not changed (422). '
        : 'An RFC 7396 merge patch of the view as GET answers it; the result is checked as a PUT body. ') + rules,
    tag: 'Saved views',
    access: needs('entity:read'),
    body: method === 'put' ? 'ReplaceSavedViewBody' : 'PatchSavedViewBody',
    query: [],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The view as saved.', 'SavedView', etag) },
    errors: ['conflict'],
  });

export const savedViewPaths = {
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/views': {
    parameters: scope,
    get: operation('get', {
      id: 'listSavedViews',
      summary: "The blueprint's views the caller sees",
      description: "Shared views and the caller's own private ones, by title (at most a few hundred: not paged).",
      tag: 'Saved views',
      access: needs('entity:read'),
      query: [],
      responses: {
        200: json('The views.', { type: 'object', required: ['views'], properties: { views: arrayOf(schemaRef('SavedView')) } }),
      },
    }),
    post: operation('post', {
      id: 'createSavedView',
      summary: 'Save a view',
      description: rules,
      tag: 'Saved views',
      access: needs('entity:read'),
      body: 'CreateSavedViewBody',
      query: [],
      responses: { 201: json('The new view.', 'SavedView', etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/views/{view_id}': {
    parameters: [...scope, paramRef('ViewId')],
    get: operation('get', {
      id: 'getSavedView',
      summary: 'One saved view',
      tag: 'Saved views',
      access: needs('entity:read'),
      query: [],
      responses: { 200: json('The view.', 'SavedView', etag) },
    }),
    put: update('put'),
    patch: update('patch'),
    delete: operation('delete', {
      id: 'deleteSavedView',
      summary: 'Delete a saved view',
      description: 'Your own private view, or a shared one with `entity:write`.',
      tag: 'Saved views',
      access: needs('entity:read'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 204: noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
};
