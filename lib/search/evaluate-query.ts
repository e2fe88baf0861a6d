import type { EntityRow } from '@/lib/entities/entity-row';
import { ownersMatch } from './type-owners-rule';
import { parseInstant } from './parse-instant';
import { semverKey } from './semver-key';
import type { ResolvedProperty, Scalar, ScalarKind, TypedNode, TypedRule, TypedSortKey } from './search-types';

// The search semantics in memory, the twin of compile-where.sql.ts and compile-sort.sql.ts (read
// the comments there): the differential test runs random queries through both and requires the
// same entities in the same order. Keep the two in step.

/** The evaluator reads the same rows the search statements return. */
export type EvalEntity = EntityRow;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The raw value at the property (undefined when missing), as `data #> path` or the column. */
function rawOf(entity: EvalEntity, prop: ResolvedProperty): unknown {
  const t = prop.target;
  if (t.source === 'meta') {
    const columns = {
      identifier: entity.identifier,
      title: entity.title,
      created_at: entity.createdAt,
      updated_at: entity.updatedAt,
      created_by: entity.createdBy,
      updated_by: entity.updatedBy,
    };
    return columns[t.column];
  }
  if (t.source === 'scorecard') throw new Error('the in-memory evaluator does not read scorecard results');
  let v: unknown = entity.data;
  for (const key of t.path) {
    if (!isPlainObject(v) || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

/** A comparable value of the kind (number, string or boolean), or null when there is none. */
function typedOf(entity: EvalEntity, prop: ResolvedProperty, scalar: ScalarKind): number | string | boolean | null {
  const raw = rawOf(entity, prop);
  if (raw instanceof Date) return raw.getTime();
  switch (scalar) {
    case 'number':
      return typeof raw === 'number' ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'string':
      return typeof raw === 'string' ? raw : null;
    case 'date':
      return typeof raw === 'string' && DATE.test(raw) ? raw : null;
    case 'datetime':
      return typeof raw === 'string' ? parseInstant(raw) : null;
    case 'semver':
      return typeof raw === 'string' ? semverKey(raw) : null;
  }
}

/** The rule's value in the same comparable form. */
function typedValue(value: Scalar, scalar: ScalarKind): number | string | boolean {
  if (scalar === 'datetime') return Date.parse(value as string);
  if (scalar === 'semver') return semverKey(value as string) as string;
  return value;
}

/** Code-point order, as PostgreSQL's "C" collation on UTF-8 (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function compare(a: number | string | boolean, b: number | string | boolean): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return Number(a) - Number(b);
}

function textOf(entity: EvalEntity, prop: ResolvedProperty): string | null {
  const raw = rawOf(entity, prop);
  return typeof raw === 'string' ? raw : null;
}

function isEmpty(raw: unknown): boolean {
  if (raw === undefined || raw === null || raw === '') return true;
  if (raw instanceof Date) return false;
  if (Array.isArray(raw)) return raw.length === 0;
  return isPlainObject(raw) && Object.keys(raw).length === 0;
}

function matchesOwnRule(
  entity: EvalEntity,
  rule: Exclude<TypedRule, { op: 'relatedTo' | 'scorecardLevel' | 'scorecardRule' | 'owners' }>,
): boolean {
  switch (rule.op) {
    case 'eq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const v = typedOf(entity, rule.prop, rule.scalar);
      if (v === null) return false;
      const d = compare(v, typedValue(rule.value, rule.scalar));
      return { eq: d === 0, gt: d > 0, gte: d >= 0, lt: d < 0, lte: d <= 0 }[rule.op];
    }
    case 'between': {
      const v = typedOf(entity, rule.prop, rule.scalar);
      return v !== null && compare(v, typedValue(rule.low, rule.scalar)) >= 0 && compare(v, typedValue(rule.high, rule.scalar)) <= 0;
    }
    case 'in': {
      const v = typedOf(entity, rule.prop, rule.scalar);
      return v !== null && rule.values.some((x) => compare(v, typedValue(x, rule.scalar)) === 0);
    }
    case 'like': {
      const text = textOf(entity, rule.prop);
      if (text === null) return false;
      const t = text.toLowerCase();
      const p = rule.text.toLowerCase();
      return rule.mode === 'contains' ? t.includes(p) : rule.mode === 'beginsWith' ? t.startsWith(p) : t.endsWith(p);
    }
    case 'arrayHas': {
      const raw = rawOf(entity, rule.prop);
      if (!Array.isArray(raw)) return false;
      const has = (x: string | number) => raw.some((el) => el === x);
      return rule.all ? rule.values.every(has) : rule.values.some(has);
    }
    case 'exists': {
      const raw = rawOf(entity, rule.prop);
      return raw !== undefined && raw !== null;
    }
    case 'isEmpty':
      return isEmpty(rawOf(entity, rule.prop));
  }
}

/**
 * The team's links, for relatedTo and rules on related entities' properties (related-to.sql.ts
 * says what they mean; this is the same in memory).
 */
export type EvalGraph = {
  entities: Map<string, EvalEntity & { blueprint: string }>;
  out: Map<string, Array<{ relationUuid: string; target: string }>>;
  in: Map<string, string[]>;
};

export function buildEvalGraph(
  entities: Array<EvalEntity & { blueprint: string }>,
  links: Array<{ relationUuid: string; source: string; target: string }>,
): EvalGraph {
  const graph: EvalGraph = { entities: new Map(entities.map((e) => [e.id, e])), out: new Map(), in: new Map() };
  for (const l of links) {
    graph.out.set(l.source, [...(graph.out.get(l.source) ?? []), { relationUuid: l.relationUuid, target: l.target }]);
    graph.in.set(l.target, [...(graph.in.get(l.target) ?? []), l.source]);
  }
  return graph;
}

const reachedCache = new WeakMap<object, Set<string>>();

/** Entities reached from the seeds in 1..maxHops hops (breadth first; a seed only through a cycle). */
function reached(rule: Extract<TypedRule, { op: 'relatedTo' }>, graph: EvalGraph): Set<string> {
  const cached = reachedCache.get(rule);
  if (cached) return cached;
  const seeds = [...graph.entities.values()]
    .filter((e) => e.blueprint === rule.blueprint && rule.identifiers.includes(e.identifier))
    .map((e) => e.id);
  const next = (id: string) => (rule.direction === 'upstream' ? (graph.out.get(id) ?? []).map((l) => l.target) : (graph.in.get(id) ?? []));
  const matched = new Set<string>();
  const expanded = new Set(seeds);
  let frontier = seeds;
  for (let depth = 1; depth <= rule.maxHops && frontier.length; depth++) {
    const found = new Set(frontier.flatMap(next));
    for (const id of found) matched.add(id);
    frontier = [...found].filter((id) => !expanded.has(id));
    for (const id of frontier) expanded.add(id);
  }
  reachedCache.set(rule, matched);
  return matched;
}

function matchesRule(entity: EvalEntity, rule: TypedRule, graph?: EvalGraph): boolean {
  if (rule.op === 'scorecardLevel' || rule.op === 'scorecardRule')
    throw new Error('the in-memory evaluator does not read scorecard results');
  if (rule.op === 'owners') return ownersMatch(rule, entity.owners);
  if (rule.op !== 'relatedTo' && !rule.prop.via) return matchesOwnRule(entity, rule);
  if (!graph) throw new Error('relation rules need the graph of links');
  if (rule.op === 'relatedTo') return reached(rule, graph).has(entity.id);
  const via = rule.prop.via as NonNullable<typeof rule.prop.via>;
  return (graph.out.get(entity.id) ?? []).some((l) => {
    const target = l.relationUuid === via.relationUuid ? graph.entities.get(l.target) : undefined;
    return target !== undefined && matchesOwnRule(target, rule);
  });
}

export function matchesQuery(entity: EvalEntity, node: TypedNode | null, graph?: EvalGraph): boolean {
  if (!node) return true;
  if (node.kind === 'group') {
    if (node.nodes.length === 0) return true;
    return node.combinator === 'and'
      ? node.nodes.every((n) => matchesQuery(entity, n, graph))
      : node.nodes.some((n) => matchesQuery(entity, n, graph));
  }
  const positive = matchesRule(entity, node.rule, graph);
  return node.negate ? !positive : positive;
}

/** `q`: a case-insensitive substring of the identifier, the title or any string in data. */
export function matchesQ(entity: EvalEntity, q: string | null): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  const strings: string[] = [entity.identifier, entity.title ?? ''];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) Object.values(v).forEach(walk);
  };
  walk(entity.data);
  return strings.some((s) => s.toLowerCase().includes(needle));
}

/** The sort's order: each key with missing values last, then the id in the first key's direction. */
export function compareForSort(sort: TypedSortKey[]): (a: EvalEntity, b: EvalEntity) => number {
  return (a, b) => {
    for (const key of sort) {
      const x = typedOf(a, key.prop, key.scalar);
      const y = typedOf(b, key.prop, key.scalar);
      if (x === null || y === null) {
        if (x === null && y === null) continue;
        return x === null ? 1 : -1;
      }
      const d = compare(x, y);
      if (d !== 0) return key.order === 'asc' ? d : -d;
    }
    const d = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return sort[0].order === 'asc' ? d : -d;
  };
}
