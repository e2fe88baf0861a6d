import { EXPORT_LIMITS } from '@/lib/export/export-limits';
import { EXPORT_FORMATS } from '@/lib/export/export-types';
import { paramRef } from './components';
import { needs, operation } from './operation';
import { str } from './view-schemas';

// The export route (issue 14 item 7): a streamed download of the catalog, one blueprint or a
// catalog-table query.

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
};
