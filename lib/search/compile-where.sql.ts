import { Prisma } from '@/lib/generated/prisma/client';
import { jsonAt, metaColumn, textOf, typedParam, typedValueOf } from './typed-expression.sql';
import { relatedToSql, viaRelationSql } from './related-to.sql';
import { ownersFilterSql } from './owners-filter.sql';
import { scorecardRuleSql } from './scorecard-results.sql';
import type { ResolvedProperty, Scalar, TypedNode, TypedRule } from './search-types';

// A typed query (type-query.ts) as one SQL boolean over `entities e`, every value a parameter.
//
// Which index serves what (checked with EXPLAIN in search-indexes.int.test.ts):
// * `=` and `in` on number / string / boolean data properties, array contains / containsAny /
//   containsAll: containment `e.data @> $json` (or `@> ANY($json[])`) on idx_entities_data (GIN).
//   Containment compares JSON numbers numerically, so 2 matches 2.0.
// * exists on a top-level property adds `e.data ? $key`, served by the same GIN index.
// * contains / beginsWith / endsWith on $title and $identifier: the same text as a substring of
//   search_document() (it holds the identifier and the title), which idx_entities_search_trgm
//   serves, rechecked on the column itself. Their own trigram indexes (0007) were dropped in 0026:
//   they cost a third of an entity write's trigram work for what this one index answers.
// * the rest (ranges on data, date-times, versions) filters the rows the other conditions or the
//   keyset B-tree bring.
//
// Lists (in, notIn, containsAny, containsAll) are ONE array parameter, never a parameter per value.
// The planner prices `e.data @> ANY($docs)` element by element against the statistics of the
// whole `data` column (a containment test per element and per statistics entry, in planner
// memory): 138 MB and 185 ms to plan one list of 500 values on 30,000 small documents, and a
// 200 x 500 query grew a backend past 20 GB until the OOM killer ended it (issue 11;
// bench/query-cost.ts, bench/results/query-cost-2026-12-06.md). So only the first INLINE_BUDGET
// values of a query take that GIN-served containment form (where the planner's estimate picks the
// index for rare values; 100 values: 28 MB to plan). Lists past the budget compare the extracted
// value instead: `(e.data #> path) = ANY($n::jsonb[])` (containsAny: any element of the array, the
// same way). No statistics exist for that expression, so planning costs nothing per value, and the
// executor hashes the array (PostgreSQL 14+ hashes `= ANY(constant array)` past 8 values), one
// probe per row: 1000 values over 30,000 rows plan in 0.3 MB and run in 32 ms, where `@> ANY` of
// 1000 documents planned in 275 MB and ran in 3.1 s (the planner never took the GIN index for
// such a list: it filtered the keyset scan with 1000 containment tests per row). jsonb `=` is
// containment's equality for scalars (2 = 2.0, strings exact), so the answer is the same.

function isTitleOrIdentifier(prop: ResolvedProperty): boolean {
  return prop.target.source === 'meta' && (prop.target.column === 'title' || prop.target.column === 'identifier');
}

/**
 * The text as a substring of the search document (0007_search.sql), on its trigram index: true of
 * every entity whose identifier or title (or any string in its data) holds the text, in any case.
 */
export function searchDocumentHas(text: string): Prisma.Sql {
  return Prisma.sql`search_document(e.identifier, e.title, e.data) ILIKE ${likePattern(text, 'contains')}`;
}

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

/** List values per query that take the containment form (estimated per value by the planner). */
export const INLINE_BUDGET = 100;

/** What a compilation has spent of INLINE_BUDGET so far. */
type Budget = { inlined: number };

function takeBudget(budget: Budget, n: number): boolean {
  if (budget.inlined + n > INLINE_BUDGET) return false;
  budget.inlined += n;
  return true;
}

/** Any of the values at the data path (scalars compared as JSON: 2 = 2.0). */
function anyOf(path: string[], values: Scalar[], budget: Budget): Prisma.Sql {
  if (values.length === 1) return Prisma.sql`e.data @> ${containmentDoc(path, values[0])}::jsonb`;
  if (takeBudget(budget, values.length)) return Prisma.sql`e.data @> ANY(${values.map((v) => containmentDoc(path, v))}::jsonb[])`;
  return Prisma.sql`${jsonAt(path)} = ANY(${values.map((v) => JSON.stringify(v))}::jsonb[])`;
}

/** The array at the data path holds at least one of the values. */
function holdsAnyOf(path: string[], values: Array<string | number>, budget: Budget): Prisma.Sql {
  if (values.length === 1 || takeBudget(budget, values.length)) {
    if (values.length === 1) return Prisma.sql`e.data @> ${containmentDoc(path, [values[0]])}::jsonb`;
    return Prisma.sql`e.data @> ANY(${values.map((v) => containmentDoc(path, [v]))}::jsonb[])`;
  }
  const array = jsonAt(path);
  return Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} END) AS el(v)
     WHERE el.v = ANY(${values.map((v) => JSON.stringify(v))}::jsonb[]))`;
}

/** `in` on a value no containment serves (meta columns, versions, dates): `= ANY(one array)`. */
function anyEquals(rule: Extract<TypedRule, { op: 'in' }>): Prisma.Sql {
  const value = typedValueOf(rule.prop, rule.scalar);
  switch (rule.scalar) {
    case 'number':
      return Prisma.sql`${value} = ANY(${rule.values.map(String)}::numeric[])`;
    case 'semver':
      // Precedence keys computed once per statement (an uncorrelated ARRAY(...) is an InitPlan).
      return Prisma.sql`${value} = ANY(ARRAY(SELECT search_semver_key(v) FROM unnest(${rule.values.map(String)}::text[]) AS v))`;
    case 'string':
    case 'date':
      return Prisma.sql`${value} = ANY(${rule.values.map(String)}::text[])`;
    default:
      // boolean and date-time properties offer no `in` (type-query.ts operatorsFor).
      throw new Error(`unreachable: in on ${rule.scalar}`);
  }
}

function compileRule(rule: TypedRule, budget: Budget): Prisma.Sql {
  if (rule.op === 'relatedTo') return relatedToSql(rule);
  if (rule.op === 'owners') return ownersFilterSql(rule);
  if (rule.op === 'scorecardLevel' || rule.op === 'scorecardRule') return scorecardRuleSql(rule);
  if (rule.prop.via) return viaRelationSql(rule.prop.via, compileOwnRule(rule, budget));
  return compileOwnRule(rule, budget);
}

/** A rule on the entity's own property (or, under viaRelationSql, on the related entity's). */
type OwnRule = Exclude<TypedRule, { op: 'relatedTo' | 'scorecardLevel' | 'scorecardRule' | 'owners' }>;

function compileOwnRule(rule: OwnRule, budget: Budget): Prisma.Sql {
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
      if (path && containable(rule.scalar)) return anyOf(path, rule.values, budget);
      return anyEquals(rule);
    case 'like': {
      const like = Prisma.sql`${textOf(rule.prop)} ILIKE ${likePattern(rule.text, rule.mode)}`;
      return isTitleOrIdentifier(rule.prop) ? Prisma.sql`(${searchDocumentHas(rule.text)} AND ${like})` : like;
    }
    case 'arrayHas':
      if (!path) throw new Error('arrays are data properties');
      return rule.all ? Prisma.sql`e.data @> ${containmentDoc(path, rule.values)}::jsonb` : holdsAnyOf(path, rule.values, budget);
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
  if (t.source === 'scorecard') throw new Error('unreachable: scorecard levels are sort keys only');
  const json = jsonAt(t.path);
  if (op === 'isEmpty') return Prisma.sql`(${json} IS NULL OR ${json} IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
  const typed = Prisma.sql`jsonb_typeof(${json}) <> 'null'`;
  // A top-level key also as `?`, which idx_entities_data serves (a nested one it cannot).
  return t.path.length === 1 ? Prisma.sql`(e.data ? ${t.path[0]} AND ${typed})` : typed;
}

/** The query as a boolean SQL expression (NULL only where false would do the same). */
export function compileWhere(node: TypedNode | null, budget: Budget = { inlined: 0 }): Prisma.Sql {
  if (!node) return Prisma.sql`TRUE`;
  if (node.kind === 'group') {
    if (node.nodes.length === 0) return Prisma.sql`TRUE`;
    const parts = node.nodes.map((child) => compileWhere(child, budget));
    return Prisma.sql`(${Prisma.join(parts, node.combinator === 'and' ? ' AND ' : ' OR ')})`;
  }
  // A positive rule may be NULL (a comparison with a missing value): under AND / OR without NOT,
  // NULL filters exactly like false, and a bare `e.data @> $1` stays visible to the planner as an
  // index condition (COALESCE around it would hide it). A negation needs the NULL made false first.
  const rule = compileRule(node.rule, budget);
  return node.negate ? Prisma.sql`NOT COALESCE((${rule}), false)` : Prisma.sql`(${rule})`;
}
