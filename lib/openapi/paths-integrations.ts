import {
  INTEGRATION_IDENTIFIER,
  INTEGRATION_KINDS,
  INTEGRATION_LIMITS,
  PULL_LIMITS,
  SYNC_MODES,
} from '@/lib/integrations/integration-limits';
import { mappingSchema } from '@/lib/integrations/integration-schemas';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import { headerRef, paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation, PUBLIC } from './operation';
import { arrayOf, nullable, str, timestamp, view } from './view-schemas';

// Paths and schemas of the integration routes (API.md "Integrations, ingestion, import and
// export", lib/integrations): CRUD with ETag / If-Match, the secret shown once, syncs (dry run,
// full with a deletion threshold), their history, and the webhook ingestion route.

const etag = { ETag: headerRef('ETag') };

export const integrationParameters = {
  IntegrationId: {
    name: 'integration_id',
    in: 'path',
    required: true,
    description: "The integration's identifier within the team (API.md's `{integration}`). One that cannot exist is 404.",
    schema: { type: 'string', pattern: INTEGRATION_IDENTIFIER.source },
  },
};

const rules =
  '`mappings` (at most ' +
  INTEGRATION_LIMITS.maxMappings +
  ', in order): `{blueprint, selector?, items_to_parse?, entity: {identifier, title?, properties?, relations?}}`; every value is a JSONata expression over the item (`$item` bound to each element of `items_to_parse`), compiled when saved: one that does not compile is 400 with `details.reason` `invalid_expression` and `details.faults` naming the place (`/mappings/1/entity/properties/stars`). A blueprint the team lacks is 422. ' +
  '`deletion_threshold` (0..1, default 0.1): a full sync deleting more than this fraction of the entities the integration wrote is refused with 409 unless `force`. ' +
  `\`settings\` of an http-pull integration (checked when saved, 422 naming the field): \`url\` (http/https; a private or loopback address is refused unless BASEPLATE_OUTBOUND_ALLOW allows it), \`interval_minutes\` (${PULL_LIMITS.minIntervalMinutes}..${PULL_LIMITS.maxIntervalMinutes}, default ${PULL_LIMITS.defaultIntervalMinutes}), \`mode\` (\`delta\` or \`full\`), \`headers\` (at most ${PULL_LIMITS.maxHeaders}: a string sets a value, null keeps the stored one; values are stored sealed and answered as null; a kept value is refused when the URL's origin changes). Other kinds keep \`settings\` as given.`;

const counts = { type: 'integer', minimum: 0 };
const failure: JsonSchema = {
  type: 'object',
  required: ['index', 'message'],
  properties: { index: counts, identifier: str, path: str, message: str },
};

export const integrationSchemas: Record<string, JsonSchema> = {
  Integration: view<IntegrationView>('An integration. Its secret is never returned.', {
    identifier: str,
    title: str,
    kind: { enum: [...INTEGRATION_KINDS] },
    settings: {
      type: 'object',
      description: 'For http-pull: url, interval_minutes, mode, and headers by name, each null (values are never returned).',
    },
    mappings: arrayOf(mappingSchema as JsonSchema),
    enabled: { type: 'boolean' },
    deletion_threshold: { type: 'number', minimum: 0, maximum: 1 },
    last_sync: nullable({
      type: 'object',
      properties: { at: timestamp, counts: { type: ['object', 'null'] }, error: nullable(str) },
    }),
    next_pull_at: { ...nullable(timestamp), description: 'An enabled http-pull: its next scheduled pull. Null for the others.' },
    created_at: timestamp,
    updated_at: timestamp,
  }),
  IntegrationCreated: {
    allOf: [schemaRef('Integration'), { type: 'object', required: ['secret'], properties: { secret: str } }],
    description: 'The new integration with its ingestion secret: shown this once.',
  },
  SyncResult: {
    type: 'object',
    required: ['created', 'updated', 'unchanged', 'deleted', 'skipped', 'failed', 'sync_id'],
    properties: {
      created: counts,
      updated: counts,
      unchanged: { ...counts, description: 'Items equal to their entity: nothing was written for them.' },
      deleted: counts,
      skipped: { ...counts, description: 'Items no mapping selected.' },
      failed: { ...arrayOf(failure), description: 'Per item: its index, the entity identifier when known, the path and the reason.' },
      changes: {
        ...arrayOf({
          type: 'object',
          required: ['op', 'blueprint', 'identifier'],
          properties: { op: { enum: ['create', 'update', 'delete'] }, blueprint: str, identifier: str, diff: { type: 'object' } },
        }),
        description: 'With dry_run only: what a real run would do (nothing was written).',
      },
      sync_id: str,
    },
  },
  IntegrationSync: {
    type: 'object',
    properties: {
      id: str,
      mode: { enum: [...SYNC_MODES] },
      dry_run: { type: 'boolean' },
      source: { enum: ['sync', 'webhook', 'pull'] },
      started_at: timestamp,
      finished_at: nullable(timestamp),
      counts: { type: 'object' },
      failures: arrayOf(failure),
      error: nullable(str),
      actor: { type: 'object' },
    },
  },
};

const update = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceIntegration' : 'patchIntegration',
    summary: method === 'put' ? 'Replace an integration' : 'Change an integration (JSON merge patch)',
    description:
      (method === 'put'
        ? 'The whole integration again; `identifier` and `kind` may be repeated but not changed (422). '
        : 'An RFC 7396 merge patch of the integration as GET answers it (`mappings` is replaced whole); the result is checked as a PUT body. ') +
      rules,
    tag: 'Integrations',
    access: needs('integration:write'),
    body: method === 'put' ? 'ReplaceIntegrationBody' : 'PatchIntegrationBody',
    query: [],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The integration as saved.', 'Integration', etag) },
    errors: ['conflict'],
  });

const syncRules =
  `At most ${INTEGRATION_LIMITS.maxItems} items (413 naming \`maxItems\`). Each item is tried against every mapping; a failing item (an expression error or limit, an entity that fails validation) is reported in \`failed\` and never blocks the others. ` +
  'An item equal to its entity writes nothing (no version, audit row or event). `mode: "full"` also deletes the entities this integration wrote earlier and did not send now; past `deletion_threshold` it is 409 `deletion_threshold` with `details.would_delete`, `details.entities` and `details.threshold`, and nothing is written, unless `force: true`; a full sync with items that could not be mapped is 409 `incomplete_full_sync` the same way. ' +
  '`dry_run: true` answers the same plus `changes` and writes nothing. A disabled integration is 409 `disabled`. Writes are audited as the system acting for the integration.';

export const integrationPaths = {
  '/api/v1/teams/{team}/integrations': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'listIntegrations',
      summary: "The team's integrations",
      description: 'Oldest first, a cursor page.',
      tag: 'Integrations',
      access: needs('integration:read'),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: {
        200: json('A page of integrations.', {
          type: 'object',
          required: ['integrations', 'next_cursor'],
          properties: { integrations: arrayOf(schemaRef('Integration')), next_cursor: nullable(str) },
        }),
      },
    }),
    post: operation('post', {
      id: 'createIntegration',
      summary: 'Define an integration',
      description:
        `The answer carries \`secret\` (webhook ingestion), shown this once. At most ${INTEGRATION_LIMITS.maxPerTeam} per team (409 \`limit_reached\`). ` +
        rules,
      tag: 'Integrations',
      access: needs('integration:write'),
      body: 'CreateIntegrationBody',
      query: [],
      responses: { 201: json('The new integration and its secret.', 'IntegrationCreated', etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/integrations/{integration_id}': {
    parameters: [paramRef('Team'), paramRef('IntegrationId')],
    get: operation('get', {
      id: 'getIntegration',
      summary: 'One integration',
      tag: 'Integrations',
      access: needs('integration:read'),
      query: [],
      responses: { 200: json('The integration.', 'Integration', etag) },
    }),
    put: update('put'),
    patch: update('patch'),
    delete: operation('delete', {
      id: 'deleteIntegration',
      summary: 'Delete an integration',
      description: 'Its sync history goes with it; the entities it wrote stay.',
      tag: 'Integrations',
      access: needs('integration:write'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 204: noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/integrations/{integration_id}/rotate-secret': {
    parameters: [paramRef('Team'), paramRef('IntegrationId')],
    post: operation('post', {
      id: 'rotateIntegrationSecret',
      summary: "A new secret for the integration's webhook",
      description: 'Answered this once; the old secret stops authenticating at once.',
      tag: 'Integrations',
      access: needs('integration:write'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 200: json('The new secret.', { type: 'object', required: ['secret'], properties: { secret: str } }, etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/integrations/{integration_id}/sync': {
    parameters: [paramRef('Team'), paramRef('IntegrationId')],
    post: operation('post', {
      id: 'syncIntegration',
      summary: 'Sync items through the integration',
      description: syncRules,
      tag: 'Integrations',
      access: needs('integration:write'),
      body: 'SyncIntegrationBody',
      query: [],
      responses: { 200: json('What the sync did (or, with dry_run, would do).', 'SyncResult') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/integrations/{integration_id}/pull': {
    parameters: [paramRef('Team'), paramRef('IntegrationId')],
    post: operation('post', {
      id: 'pullIntegration',
      summary: 'Pull an http-pull integration now',
      description:
        `GETs the integration's URL through the outbound guard (private addresses refused after DNS and at every redirect; ${PULL_LIMITS.fetchTimeoutMs / 1000} s; at most 1 MiB), reads the body by its Content-Type (JSON, NDJSON, YAML, CSV; otherwise by the URL's extension, then as JSON, then YAML) and syncs the items in the integration's \`mode\`, as \`sync\` would. ` +
        'A fetch or parse failure is recorded as a sync (source `pull`, its error) and answered 409 `pull_failed` with `details.cause` and `details.sync_id`. Another kind of integration is 409 `not_pullable`; a disabled one 409 `disabled`. ' +
        syncRules,
      tag: 'Integrations',
      access: needs('integration:write'),
      query: [
        {
          name: 'dry_run',
          in: 'query',
          description: 'Fetch and answer what the sync would do; write nothing.',
          schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
        },
        {
          name: 'force',
          in: 'query',
          description: 'A full pull past the deletion threshold deletes anyway.',
          schema: { type: 'string', enum: ['true', 'false'], default: 'false' },
        },
      ],
      responses: { 200: json('What the pull synced (or, with dry_run, would).', 'SyncResult') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/integrations/{integration_id}/syncs': {
    parameters: [paramRef('Team'), paramRef('IntegrationId')],
    get: operation('get', {
      id: 'listIntegrationSyncs',
      summary: "The integration's syncs",
      description:
        'Newest first (dry runs and refused syncs included), a cursor page (limit 1..100, default 20). Each keeps its first failures.',
      tag: 'Integrations',
      access: needs('integration:read'),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: {
        200: json('A page of syncs.', {
          type: 'object',
          required: ['syncs', 'next_cursor'],
          properties: { syncs: arrayOf(schemaRef('IntegrationSync')), next_cursor: nullable(str) },
        }),
      },
    }),
  },
  '/api/v1/ingest/{team}/{integration_id}': {
    parameters: [paramRef('Team'), paramRef('IntegrationId')],
    post: {
      ...(operation('post', {
        id: 'ingestWebhook',
        summary: 'Webhook ingestion',
        description:
          'Authenticated by the integration\'s secret, not by a user: either `X-Baseplate-Timestamp` (unix seconds, at most 5 minutes off) and `X-Baseplate-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed by the secret>` (as Baseplate signs its action webhooks), or `Authorization: Bearer <secret>`. ' +
          'A wrong or stale signature, or a wrong secret, is 401; an unknown team or integration 404; both are counted per client address (429 past the limit). Each integration has the API rate limit. ' +
          'The body (at most 1 MiB, parsed only once the secret checks out) is JSON: an array of items, `{"items": [...], "mode"?, "dry_run"?, "force"?}`, or one object (one item); or an NDJSON or YAML file (`Content-Type` `application/x-ndjson`, `application/yaml`), whose items are read as the import route reads them, with `mode`, `dry_run` and `force` in the query. An integration without mappings reads items as the import route does (export items, a Backstage catalog). ' +
          syncRules,
        tag: 'Integrations',
        access: PUBLIC,
        query: [
          { name: 'mode', in: 'query', description: 'delta (default) or full.', schema: { enum: [...SYNC_MODES] } },
          { name: 'dry_run', in: 'query', description: 'Do everything, keep nothing.', schema: { type: 'boolean' } },
          { name: 'force', in: 'query', description: 'A full sync past the deletion threshold.', schema: { type: 'boolean' } },
        ],
        responses: { 200: json('What the sync did.', 'SyncResult') },
        errors: ['bad_request', 'unauthenticated', 'not_found', 'conflict', 'payload_too_large', 'rate_limited'],
      }) as object),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: {} }, 'application/x-ndjson': { schema: str }, 'application/yaml': { schema: str } },
      },
    },
  },
};
