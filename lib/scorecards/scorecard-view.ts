import type { QueryTree, ScorecardLevel } from '@/lib/domain/scorecard-rules';

// The API's view of a scorecard (API.md "Scorecards", areas.md's fixed shape): snake_case, RFC
// 3339, rules in their order. `recomputing`: a newer definition's results are being computed
// (reads serve the live ones meanwhile); `progress`: how far that is, null when nothing is.

export type ScorecardRuleView = { identifier: string; title: string; description: string | null; level: string; query: QueryTree };

export type ScorecardView = {
  identifier: string;
  blueprint: string;
  title: string;
  description: string | null;
  levels: ScorecardLevel[];
  filter: QueryTree | null;
  rules: ScorecardRuleView[];
  computed_at: string | null;
  recomputing: boolean;
  progress: { done: number; total: number } | null;
  created_at: string;
  updated_at: string;
};

export type ScorecardRow = {
  id: string;
  blueprintId: string;
  identifier: string;
  title: string;
  description: string | null;
  levels: unknown;
  filter: unknown;
  version: number;
  targetGeneration: number;
  liveGeneration: number;
  /** What the live results mean (lib/scorecards/evaluate reads them with it). */
  liveDefinition: unknown;
  computedAt: Date | null;
  recomputeDone: number;
  recomputeTotal: number;
  createdAt: Date;
  updatedAt: Date;
  rules: Array<{ identifier: string; title: string; description: string | null; level: string; value: unknown; position: number }>;
};

export function toScorecardView(row: ScorecardRow): ScorecardView {
  const recomputing = row.targetGeneration > row.liveGeneration;
  return {
    identifier: row.identifier,
    blueprint: row.blueprintId,
    title: row.title,
    description: row.description,
    levels: row.levels as ScorecardLevel[],
    filter: (row.filter ?? null) as QueryTree | null,
    rules: [...row.rules]
      .sort((a, b) => a.position - b.position)
      .map((r) => ({ identifier: r.identifier, title: r.title, description: r.description, level: r.level, query: r.value as QueryTree })),
    computed_at: row.computedAt?.toISOString() ?? null,
    recomputing,
    progress: recomputing ? { done: row.recomputeDone, total: row.recomputeTotal } : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** What a scorecard's results mean: a change here needs a new generation (areas.md "Definition change"). */
export function resultMeaning(def: {
  levels: ScorecardLevel[];
  filter: unknown;
  rules: Array<{ identifier: string; level: string; query: unknown }>;
}) {
  return {
    levels: def.levels.map((l) => l.name),
    filter: def.filter ?? null,
    rules: def.rules.map((r) => ({ identifier: r.identifier, level: r.level, query: r.query })),
  };
}
