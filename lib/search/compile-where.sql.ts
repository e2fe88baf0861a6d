import { Prisma } from '@/lib/generated/prisma/client';
import { jsonAt, metaColumn, textOf, typedParam, typedValueOf } from './typed-expression.sql';
import { relatedToSql, viaRelationSql } from './related-to.sql';
import type { ResolvedProperty, Scalar, TypedNode, TypedRule } from './search-types';

// A typed query (type-query.ts) as one SQL boolean over `entities e`, every value a parameter.
//
// Which index serves what (checked with EXPLAIN in search-indexes.int.test.ts):
// * `=` and `in` on number / string / boolean data properties, array contains / containsAny /
//   containsAll: containment `e.data @> $json` (or `@> ANY($json[])`) on idx_entities_data (GIN).
//   Containment compares JSON numbers numerically, so 2 matches 2.0.
// * exists on a top-level property adds `e.data ? $key`, served by the same GIN index.
// * contains / beginsWith / endsWith on $title and $identifier: ILIKE on the trigram indexes.
// * the rest (ranges on data, date-times, versions) filters the rows the other conditions or the
//   keyset B-tree bring.
//
// Null and missing semantics, which evaluate-query.ts shares:
// * a positive rule never matches a missing key, a JSON null or a value of another JSON type
//   than the property's (a typed comparison with it is NULL, and COALESCE makes that false);
// * `!=`, notIn, notBetween, doesNotContain and isNotEmpty are exactly NOT of their positive rule,
//   so they DO match entities where the property is missing, null or of another type
//   ("status != active" lists everything that is not known to be active);
// * exists: present and not null. isEmpty: missing, null, "", [] or {}.
// * an empty group (no rules) matches everything, whatever its combinator: no filter.
// * a rule on a related entity's property holds when it holds for at least one target of the
//   relation (an entity without links matches no positive rule); its negation is NOT of that.
// * relatedTo: related-to.sql.ts.

/** `{"a": {"b": value}}` for the path a.b: the containment document of one value. */
export function containmentDoc(path: string[], value: unknown): string {
  let doc: unknown = value;
  for (const key of [...path].reverse()) doc = { [key]: doc };
  return JSON.stringify(doc);
}

/** The LIKE pattern of a literal text: %, _ and the escape character itself are escaped. */
export function likePattern(text: string, mode: 'contains' | 'beginsWith' | 'endsWith'): string {
  const literal = text.replace(/[\\%_]/g, '\\$&');
  return mode === 'beginsWith' ? `${literal}%` : mode === 'endsWith' ? `%${literal}` : `%${literal}%`;
}

const dataPath = (prop: ResolvedProperty): string[] | null => (prop.target.source === 'data' ? prop.target.path : null);
const containable = (scalar: string) => scalar === 'number' || scalar === 'string' || scalar === 'boolean';

function anyContains(path: string[], values: unknown[]): Prisma.Sql {
  if (values.length === 1) return Prisma.sql`e.data @> ${containmentDoc(path, values[0])}::jsonb`;
  return Prisma.sql`e.data @> ANY(${values.map((v) => containmentDoc(path, v))}::jsonb[])`;
}

function compileRule(rule: TypedRule): Prisma.Sql {
  if (rule.op === 'relatedTo') return relatedToSql(rule);
  if (rule.prop.via) return viaRelationSql(rule.prop.via, compileOwnRule(rule));
  return compileOwnRule(rule);
}

/** A rule on the entity's own property (or, under viaRelationSql, on the related entity's). */
function compileOwnRule(rule: Exclude<TypedRule, { op: 'relatedTo' }>): Prisma.Sql {
  const path = dataPath(rule.prop);
  switch (rule.op) {
    case 'eq':
      if (path && containable(rule.scalar)) return Prisma.sql`e.data @> ${containmentDoc(path, rule.value)}::jsonb`;
      return Prisma.sql`${typedValueOf(rule.prop, rule.scalar)} = ${typedParam(rule.value, rule.scalar)}`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = Prisma.raw({ gt: '>', gte: '>=', lt: '<', lte: '<=' }[rule.op]);
      return Prisma.sql`${typedValueOf(rule.prop, rule.scalar)} ${op} ${typedParam(rule.value, rule.scalar)}`;
    }
    case 'between': {
      const value = typedValueOf(rule.prop, rule.scalar);
      return Prisma.sql`(${value} >= ${typedParam(rule.low, rule.scalar)} AND ${value} <= ${typedParam(rule.high, rule.scalar)})`;
    }
    case 'in':
      if (path && containable(rule.scalar)) return anyContains(path, rule.values.map((v) => v as Scalar));
      return Prisma.sql`${typedValueOf(rule.prop, rule.scalar)} IN (${Prisma.join(rule.values.map((v) => typedParam(v, rule.scalar)))})`;
    case 'like':
      return Prisma.sql`${textOf(rule.prop)} ILIKE ${likePattern(rule.text, rule.mode)}`;
    case 'arrayHas':
      if (!path) throw new Error('arrays are data properties');
      return rule.all ? Prisma.sql`e.data @> ${containmentDoc(path, rule.values)}::jsonb` : anyContains(path, rule.values.map((v) => [v]));
    case 'exists':
      return presence(rule.prop, 'exists');
    case 'isEmpty':
      return presence(rule.prop, 'isEmpty');
  }
}

function presence(prop: ResolvedProperty, op: 'exists' | 'isEmpty'): Prisma.Sql {
  const t = prop.target;
  if (t.source === 'meta') {
    const column = metaColumn(t.column);
    const text = textOf(prop);
    if (op === 'exists') return t.nullable ? Prisma.sql`${column} IS NOT NULL` : Prisma.sql`TRUE`;
    if (t.column === 'created_at' || t.column === 'updated_at') return Prisma.sql`FALSE`;
    return t.nullable ? Prisma.sql`(${column} IS NULL OR ${text} = '')` : Prisma.sql`${text} = ''`;
  }
  const json = jsonAt(t.path);
  if (op === 'isEmpty') return Prisma.sql`(${json} IS NULL OR ${json} IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
  const typed = Prisma.sql`jsonb_typeof(${json}) <> 'null'`;
  // A top-level key also as `?`, which idx_entities_data serves (a nested one it cannot).
  return t.path.length === 1 ? Prisma.sql`(e.data ? ${t.path[0]} AND ${typed})` : typed;
}

/** The query as a boolean SQL expression (NULL only where false would do the same). */
export function compileWhere(node: TypedNode | null): Prisma.Sql {
  if (!node) return Prisma.sql`TRUE`;
  if (node.kind === 'group') {
    if (node.nodes.length === 0) return Prisma.sql`TRUE`;
    const parts = node.nodes.map(compileWhere);
    return Prisma.sql`(${Prisma.join(parts, node.combinator === 'and' ? ' AND ' : ' OR ')})`;
  }
  // A positive rule may be NULL (a comparison with a missing value): under AND / OR without NOT,
  // NULL filters exactly like false, and a bare `e.data @> $1` stays visible to the planner as an
  // index condition (COALESCE around it would hide it). A negation needs the NULL made false first.
  const rule = compileRule(node.rule);
  return node.negate ? Prisma.sql`NOT COALESCE((${rule}), false)` : Prisma.sql`(${rule})`;
}
