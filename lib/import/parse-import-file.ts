import { AppError } from '@/lib/errors';
import { BLUEPRINTS_KIND, BLUEPRINTS_VERSION } from '@/lib/export/blueprints-document';
import { jsonDepthExceeds } from '@/lib/http/check-json-value';
import { MAX_IMPORT_BYTES, MAX_IMPORT_DEPTH, MAX_IMPORT_ITEMS } from './import-limits';
import { parseCsvItems, type CsvImportOptions } from './parse-csv-items';
import { parseYamlDocuments } from './parse-yaml-documents';
import { isPlainObject } from './set-own';

// An uploaded file (POST /api/v1/teams/{team}/import: the body and its Content-Type) -> its items,
// before any mapping: Baseplate export items, Backstage entities, or whatever a mapping reads.
// Each format unwraps the same way: an array is its items, `{entities: [...]}` is its `entities`,
// one object is one item; a YAML stream does that per document. Every bound (import-limits.ts) is
// checked before the work it guards, and every fault is an AppError naming the bound or the line.

export type ImportFormat = 'json' | 'ndjson' | 'yaml' | 'csv';

const FORMATS: ReadonlyMap<string, ImportFormat> = new Map([
  ['application/json', 'json'],
  ['text/json', 'json'],
  ['application/x-ndjson', 'ndjson'],
  ['application/ndjson', 'ndjson'],
  ['application/jsonl', 'ndjson'],
  ['application/x-jsonlines', 'ndjson'],
  ['application/yaml', 'yaml'],
  ['application/x-yaml', 'yaml'],
  ['text/yaml', 'yaml'],
  ['text/x-yaml', 'yaml'],
  ['text/csv', 'csv'],
  ['application/csv', 'csv'],
]);

/** The format a Content-Type names (parameters such as charset ignored), or undefined. */
export function formatOfMediaType(contentType: string | null | undefined): ImportFormat | undefined {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return FORMATS.get(media) ?? (media.endsWith('+json') ? 'json' : media.endsWith('+yaml') ? 'yaml' : undefined);
}

/** The format a Content-Type names; 400 for any other. */
export function importFormatOf(contentType: string | null | undefined): ImportFormat {
  const format = formatOfMediaType(contentType);
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!format) {
    throw new AppError(
      'bad_request',
      `an import's Content-Type must be application/json, application/x-ndjson, application/yaml or text/csv${media ? ` (not ${media})` : ''}`,
      { reason: 'unsupported_media_type' },
    );
  }
  return format;
}

export type ParseImportOptions = {
  /** Needed for CSV only: the blueprint the rows are entities of, its schema and relations. */
  csv?: Omit<CsvImportOptions, 'maxItems'>;
  maxBytes?: number;
  maxItems?: number;
};

const tooMany = (max: number) =>
  new AppError('payload_too_large', `the file holds more than ${max} items (MAX_IMPORT_ITEMS)`, {
    reason: 'too_many_items',
    limit: 'MAX_IMPORT_ITEMS',
  });

const tooDeep = (where: string) =>
  new AppError('bad_request', `${where} nests deeper than ${MAX_IMPORT_DEPTH} levels (MAX_IMPORT_DEPTH)`, {
    reason: 'too_deep',
    limit: 'MAX_IMPORT_DEPTH',
  });

/** A parsed value's items; `where` names it in the fault ("the file", "YAML document 2"). */
function unwrapItems(value: unknown, where: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) {
    if (Array.isArray(value.entities)) {
      // An export with ?include=blueprints: its blueprints part is an item of its own, as the
      // blueprints document is in a YAML export (lib/import/split-blueprint-parts.ts takes it).
      if (!Array.isArray(value.blueprints)) return value.entities;
      return [{ kind: BLUEPRINTS_KIND, version: BLUEPRINTS_VERSION, blueprints: value.blueprints }, ...value.entities];
    }
    return [value];
  }
  throw new AppError('bad_request', `${where} must hold an array of items, {"entities": [...]}, or one object`, {
    reason: 'invalid_items',
  });
}

function parseJson(text: string): unknown[] {
  if (jsonDepthExceeds(text, MAX_IMPORT_DEPTH)) throw tooDeep('the file');
  try {
    return unwrapItems(JSON.parse(text), 'the file');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('bad_request', `the file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
      reason: 'invalid_json',
    });
  }
}

/** One JSON value per non-blank line; faults name the line (1-based). */
function parseNdjson(text: string, maxItems: number): unknown[] {
  const items: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    if (items.length >= maxItems) throw tooMany(maxItems);
    if (jsonDepthExceeds(line, MAX_IMPORT_DEPTH)) throw tooDeep(`line ${i + 1}`);
    try {
      items.push(JSON.parse(line));
    } catch (e) {
      throw new AppError('bad_request', `line ${i + 1} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, {
        reason: 'invalid_json',
        line: i + 1,
      });
    }
  }
  return items;
}

function parseYaml(text: string): unknown[] {
  return parseYamlDocuments(text).flatMap((value, i) => unwrapItems(value, `YAML document ${i + 1}`));
}

/** The items of an uploaded file. Throws AppError 400 (syntax, depth, aliases, type) or 413 (size, counts). */
export function parseImportFile(text: string, contentType: string | null | undefined, options: ParseImportOptions = {}): unknown[] {
  const format = importFormatOf(contentType);
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const maxItems = options.maxItems ?? MAX_IMPORT_ITEMS;
  // text.length is a lower bound of the UTF-8 size: most oversize files stop here without encoding.
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new AppError('payload_too_large', `the file is larger than ${maxBytes} bytes (MAX_IMPORT_BYTES)`, {
      reason: 'too_large',
      limit: 'MAX_IMPORT_BYTES',
    });
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark, as spreadsheets write
  if (!body.trim()) throw new AppError('bad_request', 'the file is empty', { reason: 'empty_file' });
  let items: unknown[];
  if (format === 'csv') {
    if (!options.csv)
      throw new AppError('bad_request', 'a CSV import needs `?blueprint=`: the rows are entities of one blueprint', {
        reason: 'blueprint_required',
      });
    items = parseCsvItems(body, { ...options.csv, maxItems });
  } else if (format === 'ndjson') items = parseNdjson(body, maxItems);
  else if (format === 'yaml') items = parseYaml(body);
  else items = parseJson(body);
  if (items.length > maxItems) throw tooMany(maxItems);
  return items;
}
