// The scorecard routes' answers as the browser reads them: the server's own view types (type
// imports only, erased from the bundle), so the two cannot drift apart.
import type { Distribution, Summary } from '@/lib/scorecards/evaluate/summarize-scorecard';
import type { LevelChange } from '@/lib/scorecards/evaluate/list-scorecard-history';
import type { Trend } from '@/lib/scorecards/evaluate/get-scorecard-trend';
import type { EntityScorecards } from '@/lib/scorecards/read-entity-scorecards';
import type { ScorecardView } from '@/lib/scorecards/scorecard-view';

export type { ScorecardRuleView, ScorecardView } from '@/lib/scorecards/scorecard-view';
export type { LevelChange } from '@/lib/scorecards/evaluate/list-scorecard-history';

export type ScorecardList = { scorecards: ScorecardView[]; next_cursor: string | null };
export type LevelCount = Distribution['levels'][number];
export type RuleCount = Distribution['rules'][number];
export type ScorecardSummary = Summary;
export type ScorecardPreview = Distribution;
export type ScorecardHistory = { changes: LevelChange[]; next_cursor: string | null };
export type ScorecardTrend = Trend;

/** `GET .../entities/{id}?include=scorecards`: the entity's live level and rule results per scorecard. */
export type EntityScores = { scorecards?: EntityScorecards };
