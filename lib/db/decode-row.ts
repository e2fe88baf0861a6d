import type { Prisma } from '@/lib/generated/prisma/client';

// Row decoders: each raw statement comes with one (in its *.sql.ts module), and runSql (run-sql.ts)
// passes every row through it. Two reasons. The same statement gives different JavaScript values
// by the way it is sent: over the pg pool bigint and numeric arrive as strings, through Prisma
// ($queryRaw, the only way inside an interactive transaction) as BigInt and Decimal; the decoder
// turns both into the one typed row. And a decoder checks what it claims: a missing column or a
// value of another type throws, so the integration tests that run a statement hold its decoder
// against the real result (a hand-written `as Row` never failed).

/** The JavaScript type of each column kind; `?` admits SQL NULL. */
export type ColumnKinds = {
  text: string;
  'text?': string | null;
  int: number;
  'int?': number | null;
  number: number;
  'number?': number | null;
  bool: boolean;
  'bool?': boolean | null;
  date: Date;
  'date?': Date | null;
  json: Prisma.JsonValue;
  'text[]': string[];
};
export type ColumnKind = keyof ColumnKinds;
export type RowShape = Record<string, ColumnKind>;
export type RowOf<S extends RowShape> = { [K in keyof S]: ColumnKinds[S[K]] };
export type RowDecoder<T> = (row: Record<string, unknown>) => T;

export class RowDecodeError extends Error {}

function fail(column: string, kind: string, value: unknown): never {
  const shown = typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)?.slice(0, 60);
  throw new RowDecodeError(`column "${column}": expected ${kind}, got ${typeof value} ${shown}`);
}

/** A count or id: int4 (number), int8 (string over pg, BigInt through Prisma), numeric (string or Decimal). */
function toNumber(column: string, kind: string, value: unknown): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value);
  else if (value !== null && typeof value === 'object' && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    n = (value as { toNumber(): number }).toNumber(); // Prisma's Decimal
  } else return fail(column, kind, value);
  if (!Number.isFinite(n)) fail(column, kind, value);
  if (kind === 'int' && !Number.isSafeInteger(n)) fail(column, kind, value);
  return n;
}

type Convert = (column: string, value: unknown) => unknown;

const text: Convert = (column, value) => (typeof value === 'string' ? value : fail(column, 'text', value));
const int: Convert = (column, value) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : toNumber(column, 'int', value));
const number: Convert = (column, value) =>
  typeof value === 'number' && Number.isFinite(value) ? value : toNumber(column, 'number', value);
const bool: Convert = (column, value) => (typeof value === 'boolean' ? value : fail(column, 'bool', value));
const date: Convert = (column, value) => {
  const parsed = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : fail(column, 'date', value);
};
const json: Convert = (column, value) => (value === undefined ? fail(column, 'json', value) : value);
const textArray: Convert = (column, value) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fail(column, 'text[]', value);
const orNull =
  (convert: Convert): Convert =>
  (column, value) =>
    value === null ? null : convert(column, value);

// One converter per kind, picked once when the decoder is made (a page of rows runs them often).
const CONVERTERS: Record<ColumnKind, Convert> = {
  text,
  'text?': orNull(text),
  int,
  'int?': orNull(int),
  number,
  'number?': orNull(number),
  bool,
  'bool?': orNull(bool),
  date,
  'date?': orNull(date),
  json,
  'text[]': textArray,
};

/**
 * A decoder from a column -> kind shape: each of these columns checked and converted, in the row
 * itself (other columns stay, untyped: a statement should not select what nobody reads).
 */
export function rowDecoder<S extends RowShape>(shape: S): RowDecoder<RowOf<S>> {
  const columns = Object.entries(shape).map(([column, kind]) => {
    const convert = CONVERTERS[kind];
    if (!convert) throw new RowDecodeError(`column "${column}": unknown kind "${kind}"`);
    return [column, convert] as const;
  });
  // In place: the driver's row is ours, and copying it into a new object cost ten times the checks.
  return (row) => {
    for (const [column, convert] of columns) {
      const value = row[column];
      if (value === undefined && !(column in row)) throw new RowDecodeError(`column "${column}" is missing from the result`);
      const decoded = convert(column, value);
      if (decoded !== value) row[column] = decoded;
    }
    return row as RowOf<S>;
  };
}

/** The kinds that decode to a value assignable to V; `json` fits any column (jsonb the SQL shapes). */
type KindFor<V> = { [K in ColumnKind]: ColumnKinds[K] extends V ? K : never }[ColumnKind] | 'json';
export type ShapeFor<T> = { [K in keyof T]-?: KindFor<T[K]> };

/**
 * rowDecoder for a row type declared elsewhere: the shape must name every column of T with a kind
 * that fits it. A jsonb column built by the statement (jsonb_build_object, jsonb_agg) is trusted
 * to have T's shape inside: the statement beside the decoder is what makes it so.
 */
export function rowDecoderFor<T>(): (shape: ShapeFor<T>) => RowDecoder<T> {
  return (shape) => rowDecoder(shape as RowShape) as unknown as RowDecoder<T>;
}

/** For statements that return nothing the caller reads (locks, writes): checks nothing. */
export const ignoreRow: RowDecoder<void> = () => undefined;
