import { Prisma } from '@/lib/generated/prisma/client';
import { scorecardLevelSql } from './scorecard-results.sql';
import type { ResolvedProperty, Scalar, ScalarKind } from './search-types';

// SQL for a property's value, typed by its kind (the search_* helpers of
// migrations-sql/0007_search.sql): numbers as numeric, date-times as timestamptz, semantic
// versions as their precedence key, strings (and dates, whose ISO form sorts by time) as text in
// the "C" collation. A JSON value of another type is NULL there, so it never compares.
//
// Why "C" for strings: code-point order is the same on every server and every OS (a
// locale-aware order changes with the ICU or glibc version, which silently reorders keyset pages
// and indexes), it is what the in-memory evaluator reproduces exactly, and it is the order of the
// embedded database's builtin C.UTF-8 locale anyway. The price: "Zebra" sorts before "apple".
//
// A path only ever goes in as a text[] parameter; column names come from META_COLUMNS.

export type SqlType = 'numeric' | 'boolean' | 'text' | 'timestamptz';

export const SQL_TYPE: Record<ScalarKind, SqlType> = {
  number: 'numeric',
  boolean: 'boolean',
  string: 'text',
  date: 'text',
  semver: 'text',
  datetime: 'timestamptz',
};

/** The raw JSON at a data path (NULL when missing). */
export function jsonAt(path: string[]): Prisma.Sql {
  return Prisma.sql`(e.data #> ${path}::text[])`;
}

/** The column of a meta-property (names from the META_COLUMNS whitelist only). */
export function metaColumn(column: string): Prisma.Sql {
  return Prisma.raw(`e.${column}`);
}

/** The property's text, for ILIKE (no collation: case folding follows the database's ctype). */
export function textOf(prop: ResolvedProperty): Prisma.Sql {
  const t = prop.target;
  if (t.source === 'meta')
    return t.column === 'created_by' || t.column === 'updated_by' ? Prisma.sql`${metaColumn(t.column)}::text` : metaColumn(t.column);
  if (t.source === 'scorecard') throw new Error('unreachable: a level is no text');
  return Prisma.sql`search_string(${jsonAt(t.path)})`;
}

/** The property's value as a comparable SQL value of its kind. */
export function typedValueOf(prop: ResolvedProperty, scalar: ScalarKind): Prisma.Sql {
  const t = prop.target;
  if (t.source === 'meta') {
    if (t.column === 'created_at' || t.column === 'updated_at') return metaColumn(t.column);
    return Prisma.sql`${textOf(prop)} COLLATE "C"`;
  }
  if (t.source === 'scorecard') return scorecardLevelSql(t.results);
  const json = jsonAt(t.path);
  switch (scalar) {
    case 'number':
      return Prisma.sql`search_number(${json})`;
    case 'boolean':
      return Prisma.sql`search_boolean(${json})`;
    case 'string':
      return Prisma.sql`search_string(${json}) COLLATE "C"`;
    case 'date':
      return Prisma.sql`(CASE WHEN search_string(${json}) ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN search_string(${json}) END) COLLATE "C"`;
    case 'datetime':
      return Prisma.sql`search_instant(search_string(${json}))`;
    case 'semver':
      return Prisma.sql`search_semver_key(search_string(${json})) COLLATE "C"`;
  }
}

/** A rule's value as a parameter of the same kind (a version becomes its precedence key). */
export function typedParam(value: Scalar, scalar: ScalarKind): Prisma.Sql {
  switch (scalar) {
    case 'number':
      return Prisma.sql`${String(value)}::numeric`;
    case 'boolean':
      return Prisma.sql`${value}::boolean`;
    case 'datetime':
      return Prisma.sql`${value}::timestamptz`;
    case 'semver':
      return Prisma.sql`search_semver_key(${value}::text)`;
    default:
      return Prisma.sql`${value}::text`;
  }
}
