import { AppError, reasonOf } from '@/lib/errors';
import { MAX_CSV_COLUMNS } from '@/lib/import/import-limits';
import { formatOfMediaType, parseImportFile, type ImportFormat } from '@/lib/import/parse-import-file';
import { readCsvRows } from '@/lib/import/read-csv-rows';
import { setOwn } from '@/lib/import/set-own';
import { INTEGRATION_LIMITS } from './integration-limits';

// What an http-pull fetched -> items for the integration's mappings, with the import's parsers and
// bounds (lib/import). The format comes from the Content-Type; a server that does not name one of
// the import formats (a raw GitHub file answers text/plain) is read by the URL's extension, and
// failing that as JSON, then YAML. CSV rows become plain objects keyed by the header row (the
// mappings read them by column name); there is no blueprint to type the cells by, so they stay
// strings. A pull syncs at most INTEGRATION_LIMITS.maxItems items, as one sync call does.

const MEDIA: Record<ImportFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  yaml: 'application/yaml',
  csv: 'text/csv',
};

const EXTENSIONS: ReadonlyMap<string, ImportFormat> = new Map([
  ['json', 'json'],
  ['ndjson', 'ndjson'],
  ['jsonl', 'ndjson'],
  ['yaml', 'yaml'],
  ['yml', 'yaml'],
  ['csv', 'csv'],
]);

/** The format named by the Content-Type, else by the URL's extension; null: guess (JSON, then YAML). */
export function pullFormatOf(contentType: string | undefined, url: string): ImportFormat | null {
  const named = formatOfMediaType(contentType);
  if (named) return named;
  const extension = URL.canParse(url) ? new URL(url).pathname.split('/').pop()?.split('.').slice(1).pop() : undefined;
  return EXTENSIONS.get((extension ?? '').toLowerCase()) ?? null;
}

/** CSV: each row an object of the header's columns (cells as strings; an empty cell is left out). */
function parseCsvObjects(text: string, maxItems: number): unknown[] {
  let header: string[] | null = null;
  const items: unknown[] = [];
  readCsvRows(text, MAX_CSV_COLUMNS, ({ line, fields }) => {
    if (!header) {
      if (new Set(fields).size !== fields.length || fields.includes('')) {
        throw new AppError('bad_request', 'the CSV header row names a column twice or has an empty name', { reason: 'invalid_csv', line });
      }
      header = fields;
      return;
    }
    if (fields.length !== header.length) {
      throw new AppError(
        'bad_request',
        `the CSV is not valid (line ${line}): ${fields.length} fields where the header has ${header.length}`,
        {
          reason: 'invalid_csv',
          line,
        },
      );
    }
    if (items.length >= maxItems) throw tooMany();
    const item: Record<string, unknown> = {};
    header.forEach((name, i) => fields[i] !== '' && setOwn(item, name, fields[i]));
    items.push(item);
  });
  return items;
}

const tooMany = () =>
  new AppError(
    'payload_too_large',
    `the answer holds more than ${INTEGRATION_LIMITS.maxItems} items: a pull syncs at most that many (maxItems)`,
    {
      reason: 'too_many_items',
      limit: 'maxItems',
    },
  );

function parseAs(text: string, format: ImportFormat): unknown[] {
  const maxItems = INTEGRATION_LIMITS.maxItems;
  try {
    if (format === 'csv') {
      const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (!body.trim()) throw new AppError('bad_request', 'the file is empty', { reason: 'empty_file' });
      return parseCsvObjects(body, maxItems);
    }
    return parseImportFile(text, MEDIA[format], { maxItems });
  } catch (error) {
    if (reasonOf(error) === 'too_many_items') throw tooMany();
    throw error;
  }
}

/** The items of a pulled body; throws the import's AppErrors (400 syntax and depth, 413 size and counts). */
export function parsePullBody(text: string, contentType: string | undefined, url: string): unknown[] {
  const format = pullFormatOf(contentType, url);
  if (format) return parseAs(text, format);
  try {
    return parseAs(text, 'json');
  } catch (error) {
    if (reasonOf(error) !== 'invalid_json') throw error;
    return parseAs(text, 'yaml');
  }
}
