// The search body of API.md ("Search body") as the parser hands it on, and the typed form the
// compiler and the in-memory evaluator both read.

import { META_PROPERTIES } from '@/lib/domain/property-type';
import type { Operator } from '@/lib/domain/operators';
import type { PropertyType, ScalarKind } from '@/lib/domain/property-type';

// The operators and a property's type are domain rules shared with the browser (lib/domain).
export { OPERATORS, type Operator } from '@/lib/domain/operators';
export type { PropertyType, ScalarKind } from '@/lib/domain/property-type';

export type Combinator = 'and' | 'or';
export type RawRule = {
  property: string;
  operator: Operator;
  value?: unknown;
  path: string;
  related?: RelatedToSpec;
  scorecard?: ScorecardRef;
};

/** A scorecard rule of the body: on the entity's level, or (with `rule`) on one rule's result. */
export type ScorecardRef = { scorecard: string; rule?: string };

/** A relatedTo rule's own fields, shape-checked by the parser (parse-related-to.ts). */
export type RelatedToSpec = { blueprint: string; identifiers: string[]; direction: Direction; maxHops: number };
/**
 * upstream: what the given entities depend on (reached from them by following links source ->
 * target); downstream: what depends on them (entities that reach them by following links).
 */
export type Direction = 'upstream' | 'downstream';
export type RawGroup = { combinator: Combinator; rules: RawNode[]; path: string };
export type RawNode = RawRule | RawGroup;

export type SortOrder = 'asc' | 'desc';
export type RawSortKey = { property: string; order: SortOrder; path: string };

export type SearchRequest = {
  query: RawGroup | null;
  sort: RawSortKey[];
  limit: number;
  cursor: string | null;
  q: string | null;
};

/** The meta-properties' columns; their types and nullability are the domain's (META_PROPERTIES). */
export const META_COLUMNS = {
  $identifier: { column: 'identifier', ...META_PROPERTIES.$identifier },
  $title: { column: 'title', ...META_PROPERTIES.$title },
  $created_at: { column: 'created_at', ...META_PROPERTIES.$created_at },
  $updated_at: { column: 'updated_at', ...META_PROPERTIES.$updated_at },
  $created_by: { column: 'created_by', ...META_PROPERTIES.$created_by },
  $updated_by: { column: 'updated_by', ...META_PROPERTIES.$updated_by },
} as const satisfies Record<string, { column: string; type: PropertyType; nullable: boolean }>;
export type MetaProperty = keyof typeof META_COLUMNS;
export type MetaColumn = (typeof META_COLUMNS)[MetaProperty]['column'];

/**
 * Where a property's value lives: a path into `data`, a column of the entity, or (sort keys
 * only) the entity's level rank in a scorecard's live results, NULL where it has none.
 */
export type Target =
  | { source: 'data'; path: string[] }
  | { source: 'meta'; column: MetaColumn; nullable: boolean }
  | { source: 'scorecard'; results: ScorecardResults };

/** One scorecard's live results: generation 0 means none computed yet (nothing matches). */
export type ScorecardResults = { teamId: string; scorecardId: string; generation: number };

/**
 * `via`: the property is a related entity's ("runs_on.region"): the rule holds when it holds for
 * at least one target of the relation (one hop, links of that relation only).
 */
export type ResolvedProperty = { name: string; target: Target; type: PropertyType; via?: RelationHop };
/** `target`: the relation's target blueprint (the related entities' blueprint). */
export type RelationHop = { relation: string; relationUuid: string; teamId: string; target: string };

/** A scalar value of the rule, already checked against the property's kind. */
export type Scalar = string | number | boolean;

export type TypedRule =
  | { op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte'; prop: ResolvedProperty; scalar: ScalarKind; value: Scalar }
  | { op: 'between'; prop: ResolvedProperty; scalar: ScalarKind; low: Scalar; high: Scalar }
  | { op: 'in'; prop: ResolvedProperty; scalar: ScalarKind; values: Scalar[] }
  | { op: 'like'; prop: ResolvedProperty; mode: 'contains' | 'beginsWith' | 'endsWith'; text: string }
  | { op: 'arrayHas'; prop: ResolvedProperty; values: Array<string | number>; all: boolean }
  | { op: 'exists' | 'isEmpty'; prop: ResolvedProperty }
  /** Entities within 1..maxHops links of the given ones (seeds in `blueprint`), in the team. */
  | { op: 'relatedTo'; teamId: string; blueprint: string; identifiers: string[]; direction: Direction; maxHops: number }
  /** The entity's owners (lib/groups) hold any / all of the groups, or none at all (`empty`). */
  | { op: 'owners'; mode: 'any' | 'all' | 'empty'; values: string[] }
  /** The entity has a live result with one of these level ranks (none: nothing matches). */
  | { op: 'scorecardLevel'; results: ScorecardResults; ranks: number[] }
  /** The entity has a live result where the rule of bit `bit` passes (or fails). */
  | { op: 'scorecardRule'; results: ScorecardResults; bit: number; passes: boolean };

/** Negations are NOT of the positive rule: see compile-where.sql.ts for what that means for nulls. */
export type TypedNode = { kind: 'rule'; rule: TypedRule; negate: boolean } | { kind: 'group'; combinator: Combinator; nodes: TypedNode[] };

export type TypedSortKey = { prop: ResolvedProperty; scalar: ScalarKind; order: SortOrder };
