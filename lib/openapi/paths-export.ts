import { EXPORT_LIMITS } from '@/lib/export/export-limits';
import { EXPORT_FORMATS } from '@/lib/export/export-types';
import { paramRef, type JsonSchema } from './components';
import { integrationSchemas } from './paths-integrations';
import { json, needs, operation } from './operation';
import { MAX_IMPORT_ITEMS } from '@/lib/import/import-limits';
import { str } from './view-schemas';

// The export route (issue 14 item 7): a streamed download of the catalog, one blueprint or a
// catalog-table query; and the import route, which reads every export back (and Backstage files).

// The import answers like a sync (without a sync row).
const syncProperties = Object.fromEntries(
  Object.entries((integrationSchemas.SyncResult as { properties: Record<string, JsonSchema> }).properties).filter(
    ([key]) => key !== 'sync_id',
  ),
);

const download = { type: 'string', description: 'The file, streamed.' };

export const exportPaths = {
  '/api/v1/teams/{team}/export': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'exportCatalog',
      summary: "Download the team's catalog (or one blueprint, or a table query) as JSON, NDJSON, YAML or CSV",
      description: [
        'Streamed: entities are read by keyset in batches and written as the client reads, so a catalog of any size downloads at constant memory. Sorted by blueprint id, then identifier (code-point order): two exports of the same catalog are byte-identical. Each entity is `{blueprint, identifier, title, properties, relations}` (relations: `{"<relation>": "<identifier>" | ["<identifier>", ...]}`); ids and timestamps are left out.',
        '- `json`: `{"blueprints"?: [...], "entities": [...]}`.\n- `ndjson`: one line per blueprint (`"kind": "blueprint"`, with `include=blueprints`) then per entity (`"kind": "entity"`).\n- `yaml`: multi-document; with `include=blueprints` the first document is the blueprints document (`kind: baseplate/blueprints`), then one document per entity (`kind: baseplate/entity`).\n- `csv`: RFC 4180, CRLF; a header row; nested values as JSON; cells starting with `=`, `+`, `-`, `@`, tab or CR are prefixed with `\'` (formula injection). Of one blueprint: identifier, title and every schema property in schema order, or `columns`; of the whole catalog: blueprint, identifier, title, properties (JSON), relations (JSON).',
        '`only=blueprints` answers the blueprints document alone (json or yaml), which imports back as the same blueprints and relations; it needs `blueprint:read` (and not `entity:read`), as does `include=blueprints` in addition to `entity:read`.',
        `A stream lasts at most ${EXPORT_LIMITS.maxSeconds / 60} minutes.`,
      ].join('\n\n'),
      tag: 'Entities',
      access: needs('entity:read'),
      query: [
        { name: 'format', in: 'query', description: 'The file format.', schema: { enum: [...EXPORT_FORMATS], default: 'json' } },
        { name: 'blueprint', in: 'query', description: "One blueprint's entities only (another team's: 404).", schema: str },
        {
          name: 'query',
          in: 'query',
          description:
            'A search query tree as `POST .../entities/search` takes it (URL-encoded JSON; needs `blueprint`). A bad query is a 400 as in search.',
          schema: str,
        },
        { name: 'q', in: 'query', description: 'Substring search as in search (needs `blueprint`).', schema: str },
        {
          name: 'include',
          in: 'query',
          description: 'The blueprints with their relations first (not for csv).',
          schema: { enum: ['blueprints'] },
        },
        { name: 'only', in: 'query', description: 'The blueprints document alone (json or yaml).', schema: { enum: ['blueprints'] } },
        {
          name: 'columns',
          in: 'query',
          description: `CSV of one blueprint: comma-separated columns (the catalog table's keys: \`$identifier\`, \`$title\`, \`$created_at\`, \`$updated_at\`, \`$created_by\`, \`$updated_by\`, property paths, relation ids), at most ${EXPORT_LIMITS.maxColumns}.`,
          schema: str,
        },
      ],
      responses: {
        200: {
          description: 'The export, as an attachment (`Content-Disposition`).',
          headers: { 'Content-Disposition': { schema: str, description: 'attachment; filename="<team>-<blueprint|catalog>.<format>"' } },
          content: {
            'application/json': { schema: download },
            'application/x-ndjson': { schema: download },
            'application/yaml': { schema: download },
            'text/csv': { schema: download },
          },
        },
      },
    }),
  },
  '/api/v1/teams/{team}/import': {
    parameters: [paramRef('Team')],
    post: {
      ...(operation('post', {
        id: 'importCatalog',
        summary: 'Import a file: JSON, NDJSON, YAML (Backstage catalog-info.yaml too) or CSV',
        description: [
          'The body is the file (at most 1 MiB), read by its `Content-Type`: `application/json` (an array of items, `{"entities": [...]}`, or one object), `application/x-ndjson`, `application/yaml` (multi-document) or `text/csv` (with `blueprint`; a header row; `identifier`, `title`, relation columns, other columns typed by the schema). ' +
            `At most ${MAX_IMPORT_ITEMS.toLocaleString('en-US')} items.`,
          "Items are the export's: `{blueprint, identifier, title?, properties?, relations?}` (`data` is read as `properties`, so an entity's GET answer imports as it is). Every export of `GET .../export` imports back, its blueprints part included: blueprints the team lacks are created, the ones it has are used as they are (never changed).",
          'A Backstage catalog (`apiVersion: backstage.io/...`) becomes blueprints `component`, `api`, `system`, `domain`, `group`, `user`, `resource` (created when missing; `kinds` reads a kind into an existing blueprint) with `spec.owner`, `system`, `domain`, `dependsOn`, `providesApis`, `consumesApis`, `subcomponentOf`, `memberOf`, `parent` as relations and metadata as properties. Refs resolve as Backstage resolves them; what cannot be imported is in `warnings`.',
          'One transaction: unchanged entities write nothing; links between entities of the file resolve whatever their order; an item that fails (validation, a link to an entity that is nowhere) fails alone with its index. An import never deletes. Creating blueprints needs `blueprint:write` as well (403 `blueprints_needed` naming them).',
        ].join('\n\n'),
        tag: 'Entities',
        access: needs('entity:write'),
        query: [
          {
            name: 'blueprint',
            in: 'query',
            description: "A CSV's blueprint; for other files, the blueprint of items naming none.",
            schema: str,
          },
          {
            name: 'dry_run',
            in: 'query',
            description: 'Do everything, keep nothing: the answer adds `changes`.',
            schema: { type: 'boolean' },
          },
          {
            name: 'kinds',
            in: 'query',
            description: 'Backstage kinds read into existing blueprints: `component:service,group:team`.',
            schema: str,
          },
        ],
        responses: {
          200: json('What the import did (or, with dry_run, would do).', {
            type: 'object',
            required: ['created', 'updated', 'unchanged', 'deleted', 'failed', 'skipped', 'blueprints_created', 'warnings'],
            properties: {
              ...syncProperties,
              deleted: { ...syncProperties.deleted, description: 'Always 0: an import never deletes.' },
              skipped: {
                ...syncProperties.skipped,
                description: 'Items that are no entity (a Backstage Location or Template...): see warnings.',
              },
              blueprints_created: { type: 'array', items: str, description: 'Blueprints created (with dry_run: that would be).' },
              warnings: { type: 'array', items: str, description: 'What was skipped or left out, and why.' },
            },
          }),
        },
        errors: ['bad_request', 'not_found', 'payload_too_large'],
      }) as object),
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: {} },
          'application/x-ndjson': { schema: str },
          'application/yaml': { schema: str },
          'text/csv': { schema: str },
        },
      },
    },
  },
};
