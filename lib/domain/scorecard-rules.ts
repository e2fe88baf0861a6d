// What a scorecard is, for the server (validation, evaluation) and the browser (the editor) alike.
// API.md "Scorecards": levels lowest first, the first is what an entity has when it passes no
// level's rules; each rule names a level other than the first; an entity reaches a level when it
// passes every rule of that level and of every level below.

export type ScorecardLevel = { name: string; color: string };

/** A query tree of the search body ({combinator, rules}), checked by the search parser and typer. */
export type QueryTree = { combinator: 'and' | 'or'; rules: unknown[] };

export type ScorecardRuleInput = { identifier: string; title: string; description?: string | null; level: string; query: QueryTree };

export type ScorecardInput = {
  identifier: string;
  title: string;
  description?: string | null;
  levels?: ScorecardLevel[];
  filter?: QueryTree | null;
  rules: ScorecardRuleInput[];
};

export const DEFAULT_LEVELS: readonly ScorecardLevel[] = [
  { name: 'Basic', color: '#94a3b8' },
  { name: 'Bronze', color: '#b45309' },
  { name: 'Silver', color: '#64748b' },
  { name: 'Gold', color: '#ca8a04' },
];

export const SCORECARD_LIMITS = {
  /** Rules are bits of a BIGINT in scorecard_results.passed (bit 63 would make it negative). */
  maxRules: 63,
  minLevels: 2,
  maxLevels: 10,
  levelNameLength: 50,
  titleLength: 100,
  descriptionLength: 2000,
} as const;

/** Blueprint-style identifiers (API.md: `{sc}` follows the blueprint id pattern). */
export const SCORECARD_IDENTIFIER = /^[a-z][a-z0-9_-]{0,49}$/;
/** Names the routes under .../scorecards/ take for themselves (POST .../scorecards/preview). */
export const RESERVED_SCORECARD_IDENTIFIERS: readonly string[] = ['preview'];

/** Rule identifiers too: no dots, so `$scorecard.<sc>.<rule>` names one rule without ambiguity. */
export const RULE_IDENTIFIER = SCORECARD_IDENTIFIER;
export const LEVEL_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The level an entity reaches, as a rank into `levels`, given which rules pass. `ruleLevels[i]`
 * is rule i's level rank (>= 1). A level without rules is reached as soon as the levels below are.
 */
export function levelReached(levelCount: number, ruleLevels: readonly number[], passes: (rule: number) => boolean): number {
  let reached = 0;
  for (let level = 1; level < levelCount; level++) {
    for (let i = 0; i < ruleLevels.length; i++) if (ruleLevels[i] === level && !passes(i)) return reached;
    reached = level;
  }
  return reached;
}

/** What the live results mean (scorecards.live_definition): levels by rank, rules in bit order. */
export type LiveDefinition = {
  levels: string[];
  filter: QueryTree | null;
  rules: Array<{ identifier: string; level: number; query: QueryTree }>;
};
