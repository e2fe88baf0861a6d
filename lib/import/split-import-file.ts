import { AppError } from '@/lib/errors';
import { MAX_IMPORT_BYTES } from './import-limits';
import type { ImportFormat } from './parse-import-file';
import { isPlainObject } from './set-own';

// A file larger than one request (MAX_IMPORT_BYTES) cut into parts the import route takes one at
// a time, in the browser: whole lines (NDJSON), whole records under the header row (CSV, quotes
// respected), whole documents (YAML), whole items (JSON; the blueprints part stays in the first).
// Each part is a valid file of the same format, so the server parses and bounds it as any other.
// Isomorphic: no server import.

const utf8 = (text: string) => new TextEncoder().encode(text).length;

/** Packs pieces (each with its size) into parts of at most `max` bytes; `head` starts every part. */
function pack(pieces: string[], max: number, head = '', join = ''): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = utf8(head);
  for (const piece of pieces) {
    const bytes = utf8(piece) + utf8(join);
    if (utf8(head) + bytes > max) throw new AppError('payload_too_large', `one item of the file is larger than ${max} bytes`);
    if (current.length && size + bytes > max) {
      parts.push(head + current.join(join));
      current = [];
      size = utf8(head);
    }
    current.push(piece);
    size += bytes;
  }
  if (current.length) parts.push(head + current.join(join));
  return parts;
}

/** CSV records with their line ends, split at newlines outside quotes. */
function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      records.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

function jsonParts(text: string, max: number): string[] {
  const value: unknown = JSON.parse(text);
  const entities = Array.isArray(value) ? value : isPlainObject(value) && Array.isArray(value.entities) ? value.entities : [value];
  const blueprints = isPlainObject(value) && Array.isArray(value.blueprints) ? value.blueprints : null;
  const pieces = entities.map((e) => JSON.stringify(e));
  const parts = pack(pieces, max - (blueprints ? utf8(JSON.stringify(blueprints)) + 32 : 0) - 2, '', ',').map((p) => `[${p}]`);
  if (blueprints) parts[0] = `{"blueprints":${JSON.stringify(blueprints)},"entities":${parts[0] ?? '[]'}}`;
  return parts.length ? parts : [text];
}

/** The file as parts of at most `max` bytes (the file itself when it fits). */
export function splitImportFile(text: string, format: ImportFormat, max = MAX_IMPORT_BYTES - 4096): string[] {
  if (utf8(text) <= max) return [text];
  switch (format) {
    case 'ndjson':
      return pack(
        text.split(/(?<=\n)/).filter((line) => line.trim()),
        max,
      );
    case 'csv': {
      const [header, ...rows] = csvRecords(text);
      return pack(rows, max, header.endsWith('\n') ? header : `${header}\n`);
    }
    case 'yaml': {
      // A document starts at a line `---` (column 0 is never inside a block scalar, which is indented).
      const docs = text.split(/^(?=---(?:[ \t]|\r?$))/m).filter((d) => d.replace(/^---/, '').trim());
      // The blueprints document, first in an export, stays first: parts keep the file's order.
      return pack(
        docs.map((d) => (d.startsWith('---') ? d : `---\n${d}`)),
        max,
      );
    }
    case 'json':
      return jsonParts(text, max);
  }
}
