import { expect, type APIRequestContext } from '@playwright/test';
import { call, expectJson } from './api';

// Scorecards set up through the API only (POST .../scorecards), computed by the server's own job
// queue: specs wait for the computed state, never for a time. `expectedLevels` is the specs'
// oracle: what a scorecard's definition implies for entities of known data, worked out here
// without the server (only the operators the specs use: `exists` and `=`, `and` trees).

export type RuleQuery = { combinator?: 'and'; rules: Array<{ property: string; operator: 'exists' | '='; value?: unknown }> };
export type ScorecardRule = { identifier: string; title: string; level: string; query: RuleQuery };
export type ScorecardBody = {
  identifier: string;
  title: string;
  levels?: Array<{ name: string; color: string }>;
  filter?: RuleQuery;
  rules: ScorecardRule[];
};
export type ScorecardView = {
  identifier: string;
  levels: Array<{ name: string; color: string }>;
  rules: Array<{ identifier: string; level: string }>;
  computed_at: string | null;
  recomputing: boolean;
  progress: { done: number; total: number } | null;
};
export type EntityData = { identifier: string; data: Record<string, unknown> };

export const DEFAULT_LEVELS = [
  { name: 'Basic', color: '#94a3b8' },
  { name: 'Bronze', color: '#b45309' },
  { name: 'Silver', color: '#64748b' },
  { name: 'Gold', color: '#ca8a04' },
];

/** How long a (re)computation may take on a busy machine before a spec gives up. */
export const COMPUTE_TIMEOUT_MS = 60_000;

/** POSTs the scorecard (201) and waits until its first computation is live. */
export async function createComputedScorecard(
  api: APIRequestContext,
  token: string,
  blueprintPath: string,
  body: ScorecardBody,
): Promise<ScorecardView> {
  const res = await call(api, 'POST', `${blueprintPath}/scorecards`, { token, body });
  await expectJson<ScorecardView>(res, 201, `create scorecard ${body.identifier}`);
  return waitForComputed(api, token, `${blueprintPath}/scorecards/${body.identifier}`);
}

/** Polls GET .../scorecards/{sc} until no recompute is pending and a computation is live. */
export async function waitForComputed(api: APIRequestContext, token: string, scorecardPath: string): Promise<ScorecardView> {
  let view: ScorecardView | undefined;
  await expect
    .poll(
      async () => {
        view = await expectJson<ScorecardView>(await call(api, 'GET', scorecardPath, { token }), 200, `GET ${scorecardPath}`);
        return { recomputing: view.recomputing, computed: view.computed_at !== null };
      },
      { message: `${scorecardPath} computed`, timeout: COMPUTE_TIMEOUT_MS },
    )
    .toEqual({ recomputing: false, computed: true });
  return view as ScorecardView;
}

function matches(query: RuleQuery, data: Record<string, unknown>): boolean {
  return query.rules.every((rule) => {
    const value = Object.hasOwn(data, rule.property) ? data[rule.property] : undefined;
    return rule.operator === 'exists' ? value !== undefined && value !== null : value === rule.value;
  });
}

export type Expected = { level: string; rules: Map<string, boolean> };

/**
 * Each entity's expected level and rule results (null: outside the filter): the highest level
 * such that every rule of it and of the levels below passes; the first level otherwise.
 */
export function expectedLevels(body: ScorecardBody, entities: EntityData[]): Map<string, Expected | null> {
  const levels = (body.levels ?? DEFAULT_LEVELS).map((l) => l.name);
  const out = new Map<string, Expected | null>();
  for (const entity of entities) {
    if (body.filter && !matches(body.filter, entity.data)) {
      out.set(entity.identifier, null);
      continue;
    }
    const rules = new Map(body.rules.map((r) => [r.identifier, matches(r.query, entity.data)]));
    let reached = 0;
    for (let rank = 1; rank < levels.length; rank++) {
      if (body.rules.some((r) => r.level === levels[rank] && !rules.get(r.identifier))) break;
      reached = rank;
    }
    out.set(entity.identifier, { level: levels[reached], rules });
  }
  return out;
}

/** The expected count per level name, in level order (as the summary lists them). */
export function expectedDistribution(body: ScorecardBody, entities: EntityData[]): Array<[string, number]> {
  const expected = [...expectedLevels(body, entities).values()];
  return (body.levels ?? DEFAULT_LEVELS).map((l) => [l.name, expected.filter((e) => e?.level === l.name).length]);
}

/** Identifiers whose expected level satisfies `pick`, sorted. */
export function expectedWhere(body: ScorecardBody, entities: EntityData[], pick: (level: string) => boolean): string[] {
  return [...expectedLevels(body, entities)]
    .filter(([, e]) => e !== null && pick(e.level))
    .map(([id]) => id)
    .sort();
}
