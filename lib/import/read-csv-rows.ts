import { AppError } from '@/lib/errors';

// RFC 4180 records: fields separated by commas, records by CRLF (a bare LF is accepted too, as
// spreadsheets on Unix write it), a field in double quotes may hold commas, line breaks and `""`
// for a quote. A quote inside an unquoted field, text after a closing quote, or a quote left open
// is a 400 naming the line: a file read "leniently" would import shifted columns without a word.
// Blank lines are skipped. One linear scan, no regular expressions, no recursion.

export type CsvRow = { line: number; fields: string[] };

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

const badCsv = (line: number, message: string) =>
  new AppError('bad_request', `the CSV file is not valid (line ${line}): ${message}`, { reason: 'invalid_csv', line });

/**
 * Every non-blank record of `text` with the line it starts on, stopping with `onRow` returning
 * false. `maxFields` bounds the fields of one record (a 400 naming it).
 */
export function readCsvRows(text: string, maxFields: number, onRow: (row: CsvRow) => boolean | void): void {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // a quoted field: up to the quote not followed by another
        i += 1;
        for (;;) {
          if (i >= n) throw badCsv(start, 'a quoted field is never closed');
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            break;
          }
          if (c === LF) line += 1;
          field += text[i];
          i += 1;
        }
        const next = i < n ? text.charCodeAt(i) : -1;
        if (next !== -1 && next !== COMMA && next !== CR && next !== LF) throw badCsv(line, 'text follows a closing quote');
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) throw badCsv(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          i += 1;
        }
        field = text.slice(from, i);
      }
      fields.push(field);
      field = '';
      if (fields.length > maxFields) throw badCsv(start, `a record has more than ${maxFields} fields (MAX_CSV_COLUMNS)`);
      if (i >= n) endOfRecord = true;
      else if (text.charCodeAt(i) === COMMA) i += 1;
      else {
        if (text.charCodeAt(i) === CR) i += 1;
        if (i < n && text.charCodeAt(i) === LF) i += 1;
        line += 1;
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank && onRow({ line: start, fields }) === false) return;
  }
}
