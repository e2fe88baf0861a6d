import { AppError } from '@/lib/errors';
import { jsonDepthExceeds } from '@/lib/http/check-json-value';
import { singleTarget, type RelationType } from '@/lib/relations/relation-types';
import { MAX_CSV_COLUMNS, MAX_IMPORT_DEPTH, MAX_IMPORT_ITEMS } from './import-limits';
import { readCsvRows } from './read-csv-rows';
import { isPlainObject, setOwn } from './set-own';

// A CSV file of one blueprint's entities -> items in Baseplate's export shape ({blueprint,
// identifier, title, properties, relations}). The header row names the columns:
//  - `identifier` and `title` are the entity's own (spelled `$identifier` / `$title` instead, the
//    plain names are ordinary properties, for a blueprint that has such properties);
//  - a column named after one of the blueprint's relations holds its targets: one identifier, or a
//    JSON array of them (a *-to-many relation always gets an array);
//  - every other column is a top-level property, typed by the blueprint's JSON Schema: numbers,
//    booleans, `null` where the type allows it, arrays and objects as JSON cells.
// A cell that does not read as its type stays the string it is: the entity's schema check then
// fails that one row with a path (422 per item), and the other rows go on. An empty cell leaves
// the property out (CSV cannot tell an empty string from a missing value; absent is what a
// spreadsheet user means far more often).

export type CsvImportOptions = {
  blueprint: string;
  /** The blueprint's JSON Schema: its top-level `properties` type the cells. */
  schema?: Record<string, unknown>;
  /** The blueprint's relations by id (their type decides string or array). */
  relations?: Record<string, { type?: RelationType }>;
  maxItems?: number;
};

export type CsvItem = {
  blueprint: string;
  identifier: string;
  title?: string | null;
  properties: Record<string, unknown>;
  relations?: Record<string, string | string[] | null>;
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The types a property's schema allows (its `type`, a string or a list), empty when it says none. */
function typesOf(schema: Record<string, unknown> | undefined, name: string): string[] {
  const props = schema?.properties;
  if (!isPlainObject(props) || !Object.hasOwn(props, name)) return [];
  const prop = props[name];
  const type = isPlainObject(prop) ? prop.type : undefined;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function readJsonCell(cell: string): unknown {
  if (jsonDepthExceeds(cell, MAX_IMPORT_DEPTH)) return undefined;
  try {
    return JSON.parse(cell);
  } catch {
    return undefined;
  }
}

/** A cell as the first of its types it reads as; the string itself when none fits. */
export function typeCell(cell: string, types: string[]): unknown {
  if (cell === 'null' && types.includes('null')) return null;
  for (const type of types) {
    if ((type === 'number' || type === 'integer') && NUMBER.test(cell.trim())) {
      const n = Number(cell.trim());
      if (Number.isFinite(n)) return n;
    }
    if (type === 'boolean' && /^(true|false)$/i.test(cell.trim())) return cell.trim().toLowerCase() === 'true';
    if (type === 'array' || type === 'object') {
      const value = readJsonCell(cell);
      if (type === 'array' ? Array.isArray(value) : isPlainObject(value)) return value;
    }
    if (type === 'string') return cell;
  }
  return cell;
}

function relationCell(cell: string, type: RelationType | undefined): string | string[] {
  const list = cell.trimStart().startsWith('[') ? readJsonCell(cell) : undefined;
  const targets = Array.isArray(list) && list.every((t) => typeof t === 'string') ? (list as string[]) : null;
  if (type && singleTarget(type)) return targets?.length === 1 ? targets[0] : cell;
  return targets ?? [cell];
}

type Column = { name: string; role: 'identifier' | 'title' | 'relation' | 'property'; types: string[] };

function readHeader(fields: string[], options: CsvImportOptions): Column[] {
  const seen = new Set<string>();
  for (const name of fields) {
    if (name === '') throw new AppError('bad_request', 'the CSV header row has an empty column name', { reason: 'invalid_csv', line: 1 });
    if (seen.has(name)) throw new AppError('bad_request', `the CSV header row names "${name}" twice`, { reason: 'invalid_csv', line: 1 });
    seen.add(name);
  }
  const idName = seen.has('$identifier') ? '$identifier' : 'identifier';
  const titleName = seen.has('$title') ? '$title' : 'title';
  if (!seen.has(idName)) {
    throw new AppError('bad_request', 'the CSV header row has no `identifier` column', { reason: 'invalid_csv', line: 1 });
  }
  const relations = options.relations ?? {};
  return fields.map((name) => {
    if (name === idName) return { name, role: 'identifier', types: [] };
    if (name === titleName) return { name, role: 'title', types: [] };
    if (Object.hasOwn(relations, name)) return { name, role: 'relation', types: [] };
    return { name, role: 'property', types: typesOf(options.schema, name) };
  });
}

/** The items of a CSV file; the header row is line 1. */
export function parseCsvItems(text: string, options: CsvImportOptions): CsvItem[] {
  const maxItems = options.maxItems ?? MAX_IMPORT_ITEMS;
  let columns: Column[] | null = null;
  const items: CsvItem[] = [];
  readCsvRows(text, MAX_CSV_COLUMNS, ({ line, fields }) => {
    if (!columns) {
      columns = readHeader(fields, options);
      return;
    }
    if (fields.length !== columns.length) {
      throw new AppError(
        'bad_request',
        `the CSV file is not valid (line ${line}): ${fields.length} fields where the header has ${columns.length}`,
        {
          reason: 'invalid_csv',
          line,
        },
      );
    }
    if (items.length >= maxItems) {
      throw new AppError('payload_too_large', `the file holds more than ${maxItems} items (MAX_IMPORT_ITEMS)`, {
        reason: 'too_many_items',
        limit: 'MAX_IMPORT_ITEMS',
      });
    }
    const item: CsvItem = { blueprint: options.blueprint, identifier: '', properties: {} };
    columns.forEach((column, i) => {
      const cell = fields[i];
      if (column.role === 'identifier') item.identifier = cell;
      else if (column.role === 'title') item.title = cell === '' ? null : cell;
      else if (cell === '') return;
      else if (column.role === 'relation') {
        item.relations ??= {};
        setOwn(item.relations, column.name, relationCell(cell, options.relations?.[column.name]?.type));
      } else setOwn(item.properties, column.name, typeCell(cell, column.types));
    });
    items.push(item);
  });
  if (!columns) throw new AppError('bad_request', 'the CSV file is empty: a header row is required', { reason: 'invalid_csv', line: 1 });
  return items;
}
