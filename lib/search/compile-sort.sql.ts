import { Prisma } from '@/lib/generated/prisma/client';
import type { CursorValues } from './search-cursor';
import { SQL_TYPE, typedValueOf } from './typed-expression.sql';
import type { TypedSortKey } from './search-types';

// ORDER BY and the keyset condition of a sort. Every key sorts with NULLs (missing values) last
// in both directions, then the entity id breaks ties in the first key's direction, so the order
// is total and a cursor (the last row's keys and id) finds its place again at any depth, without
// OFFSET.
// The default sort ($created_at desc) and every sort made only of NOT NULL columns in one
// direction compile to a row comparison `(created_at, id) < ($1, $2)`, which the keyset B-tree
// (idx_entities_list for created_at) walks from the cursor; other sorts expand the comparison
// key by key, with NULL handled explicitly.

const isNotNull = (key: TypedSortKey) => key.prop.target.source === 'meta' && !key.prop.target.nullable;

function direction(order: 'asc' | 'desc'): Prisma.Sql {
  return Prisma.raw(order === 'asc' ? 'ASC' : 'DESC');
}

export function orderBy(sort: TypedSortKey[]): Prisma.Sql {
  const keys = sort.map(
    (k) => Prisma.sql`${typedValueOf(k.prop, k.scalar)} ${direction(k.order)}${Prisma.raw(isNotNull(k) ? '' : ' NULLS LAST')}`,
  );
  return Prisma.join([...keys, Prisma.sql`e.id ${direction(sort[0].order)}`], ', ');
}

/** The sort values of a row as text, for its cursor (instants in UTC with microseconds). */
export function cursorColumns(sort: TypedSortKey[]): Prisma.Sql {
  const columns = sort.map((k, i) => {
    const value = typedValueOf(k.prop, k.scalar);
    const text =
      SQL_TYPE[k.scalar] === 'timestamptz'
        ? Prisma.sql`to_char(${value} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
        : Prisma.sql`(${value})::text`;
    return Prisma.sql`${text} AS ${Prisma.raw(`k${i}`)}`;
  });
  return columns.length ? Prisma.sql`, ${Prisma.join(columns, ', ')}` : Prisma.empty;
}

function cursorParam(value: string, key: TypedSortKey): Prisma.Sql {
  // A semver key is already the key (text); every other kind casts back to its own type.
  return Prisma.sql`${value}::${Prisma.raw(SQL_TYPE[key.scalar])}`;
}

/** Rows strictly after the cursor in the sort's order. */
export function afterCursor(sort: TypedSortKey[], cursor: CursorValues | null): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const idOp = Prisma.raw(sort[0].order === 'asc' ? '>' : '<');
  if (sort.every((k) => isNotNull(k) && k.order === sort[0].order)) {
    const left = sort.map((k) => typedValueOf(k.prop, k.scalar));
    const right = sort.map((k, i) => cursorParam(cursor.keys[i] as string, k));
    return Prisma.sql`(${Prisma.join([...left, Prisma.sql`e.id`], ', ')}) ${idOp} (${Prisma.join([...right, Prisma.sql`${cursor.id}::uuid`], ', ')})`;
  }
  const equal = sort.map((k, i) => {
    const c = cursor.keys[i];
    const value = typedValueOf(k.prop, k.scalar);
    return c === null ? Prisma.sql`${value} IS NULL` : Prisma.sql`${value} = ${cursorParam(c, k)}`;
  });
  const branches: Prisma.Sql[] = [];
  sort.forEach((k, i) => {
    const c = cursor.keys[i];
    if (c === null) return; // nothing sorts after NULL but NULLs, handled by the keys that follow
    const value = typedValueOf(k.prop, k.scalar);
    const op = Prisma.raw(k.order === 'asc' ? '>' : '<');
    const after = isNotNull(k)
      ? Prisma.sql`${value} ${op} ${cursorParam(c, k)}`
      : Prisma.sql`(${value} ${op} ${cursorParam(c, k)} OR ${value} IS NULL)`;
    branches.push(Prisma.sql`(${Prisma.join([...equal.slice(0, i), after], ' AND ')})`);
  });
  branches.push(Prisma.sql`(${Prisma.join([...equal, Prisma.sql`e.id ${idOp} ${cursor.id}::uuid`], ' AND ')})`);
  const expanded = Prisma.sql`(${Prisma.join(branches, ' OR ')})`;
  // Every branch implies first key <= (or >=) its cursor value: said once more on its own, it is
  // a range the first key's index can start from (an OR of branches is not).
  const [first] = sort;
  if (!isNotNull(first) || cursor.keys[0] === null) return expanded;
  const bound = Prisma.raw(first.order === 'asc' ? '>=' : '<=');
  return Prisma.sql`(${typedValueOf(first.prop, first.scalar)} ${bound} ${cursorParam(cursor.keys[0], first)} AND ${expanded})`;
}
