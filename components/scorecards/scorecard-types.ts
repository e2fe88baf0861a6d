import type { QueryTree, ScorecardLevel } from '@/lib/domain/scorecard-rules';

// The scorecard routes' answers as the browser reads them (docs/API.md "Scorecards" and the
// contract of issue 12: view, summary, history, trend, preview).

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

export type ScorecardList = { scorecards: ScorecardView[]; next_cursor: string | null };

export type LevelCount = { name: string; color: string; count: number };
export type RuleCount = { identifier: string; level: string; passed: number; failed: number };

export type ScorecardSummary = {
  total: number;
  levels: LevelCount[];
  rules: RuleCount[];
  computed_at: string | null;
  recomputing: boolean;
};

export type ScorecardPreview = { total: number; levels: LevelCount[]; rules: RuleCount[] };

export type LevelChange = { entity: string; from: string | null; to: string | null; at: string; cause: string };
export type ScorecardHistory = { changes: LevelChange[]; next_cursor: string | null };

export type ScorecardTrend = { days: Array<{ date: string; levels: Array<{ name: string; count: number }> }> };

/** `GET .../entities/{id}?include=scorecards`: the entity's live level and rule results per scorecard. */
export type EntityScores = { scorecards?: Record<string, { level: string; rules: Record<string, boolean> }> };
