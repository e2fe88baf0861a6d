import type { Db } from '@/lib/db/prisma';
import type { CheckedDefinition } from '@/lib/scorecards/check-scorecard-definition';
import type { LiveDefinition, QueryTree, ScorecardLevel } from '@/lib/domain/scorecard-rules';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseGroup } from '@/lib/search/parse-search-body';
import { loadSearchRelations } from '@/lib/search/search-relations';
import type { RawGroup, TypedNode } from '@/lib/search/search-types';
import { typeQuery } from '@/lib/search/type-query';

// A scorecard definition (levels by rank, filter, rules in bit order: the LiveDefinition shape,
// for the live generation and the pending one alike) typed by the blueprint's schema through the
// search parser and typer, ready for the evaluator (score-entities.sql.ts). The same typing as a search,
// so a rule means exactly what the catalog's filter with the same tree shows.

export type Definition = LiveDefinition;

export type TypedDefinition = {
  levels: string[];
  filter: TypedNode | null;
  rules: TypedNode[];
  /** Rule i's level rank (>= 1). */
  ruleLevels: number[];
  /** How far (links, undirected) a change reaches this scorecard's results: 0 when rules read only the entity itself. */
  hops: number;
};

/** The definition the scorecard row and its rules hold now (levels by name, rules by position). */
export function currentDefinition(
  levels: Array<{ name: string }>,
  filter: QueryTree | null,
  rules: Array<{ identifier: string; level: string; query: QueryTree }>,
): Definition {
  const names = levels.map((l) => l.name);
  return {
    levels: names,
    filter,
    rules: rules.map((r) => ({ identifier: r.identifier, level: Math.max(1, names.indexOf(r.level)), query: r.query })),
  };
}

/** How many links away an entity's result can depend on (relatedTo's max_hops, 1 for a related property). */
export function hopsOf(node: TypedNode | null): number {
  if (!node) return 0;
  if (node.kind === 'group') return Math.max(0, ...node.nodes.map(hopsOf));
  if (node.rule.op === 'relatedTo') return node.rule.maxHops;
  // A scorecard rule of the search has no property (and a definition cannot hold one anyway).
  return 'prop' in node.rule && node.rule.prop.via ? 1 : 0;
}

/** True when the raw tree may name a relation or relatedTo (cheap, before any typing). */
export function mayReadRelations(def: Definition): boolean {
  const text = JSON.stringify([def.filter, def.rules.map((r) => r.query)]);
  return text.includes('relatedTo') || /"property":"[^"$][^"]*\./.test(text);
}

type Tx = Db | Prisma.TransactionClient;

/** Types every tree of `def` against the blueprint's schema (throws the search's 400 on a broken rule). */
export async function typeDefinition(db: Tx, teamId: string, blueprintId: string, schema: unknown, def: Definition, now = new Date()) {
  const filterRaw = def.filter ? parseGroup(def.filter, 'filter') : null;
  const rulesRaw = def.rules.map((r, i) => parseGroup(r.query, `rules[${i}].query`));
  const all: RawGroup = { combinator: 'and', rules: [...(filterRaw ? [filterRaw] : []), ...rulesRaw], path: 'definition' };
  const relations = await loadSearchRelations(db, teamId, blueprintId, all);
  const filter = filterRaw ? typeQuery(filterRaw, schema, now, relations) : null;
  const rules = rulesRaw.map((raw) => typeQuery(raw, schema, now, relations) as TypedNode);
  return {
    levels: def.levels,
    filter,
    rules,
    ruleLevels: def.rules.map((r) => r.level),
    hops: Math.max(hopsOf(filter), ...rules.map(hopsOf)),
  } satisfies TypedDefinition;
}

/** A definition checked by checkScorecardDefinition (a preview's draft), for the evaluator. */
export function typedOfChecked(checked: CheckedDefinition): TypedDefinition {
  const rules = checked.rules.map((r) => r.condition);
  return {
    levels: checked.levels.map((l) => l.name),
    filter: checked.filterCondition,
    rules,
    ruleLevels: checked.rules.map((r) => r.levelRank),
    hops: Math.max(hopsOf(checked.filterCondition), ...rules.map(hopsOf)),
  };
}

/** What a scorecard row's live results mean (null before its first computation). */
export function liveDefinitionOf(row: { liveDefinition: unknown }): LiveDefinition | null {
  return (row.liveDefinition as LiveDefinition | null) ?? null;
}

/** A scorecard row's levels (JSONB [{name, color}]). */
export function levelsOf(row: { levels: unknown }): ScorecardLevel[] {
  return row.levels as ScorecardLevel[];
}
