// Where the scorecard pages live and where their API answers, in one place. Identifiers of
// scorecards are [a-z0-9_-] (SCORECARD_IDENTIFIER); team and blueprint are encoded like elsewhere.

const enc = encodeURIComponent;

export function scorecardsHref(team: string, blueprint: string): string {
  return `/t/${enc(team)}/blueprints/${enc(blueprint)}/scorecards`;
}

export function scorecardHref(team: string, blueprint: string, scorecard: string, page: 'dashboard' | 'edit' = 'dashboard'): string {
  const base = `${scorecardsHref(team, blueprint)}/${enc(scorecard)}`;
  return page === 'edit' ? `${base}/edit` : base;
}

/** The REST path (under /api/v1) of the blueprint's scorecards, or of one with a sub-resource. */
export function scorecardsApiPath(team: string, blueprint: string, scorecard?: string, sub?: 'summary' | 'history' | 'trend'): string {
  const base = `/teams/${enc(team)}/blueprints/${enc(blueprint)}/scorecards`;
  if (!scorecard) return base;
  return sub ? `${base}/${enc(scorecard)}/${sub}` : `${base}/${enc(scorecard)}`;
}

/** Query keys of the scorecard reads, so a save invalidates exactly what it changed. */
export const scorecardKeys = {
  all: (team: string, blueprint: string) => ['team', team, 'blueprints', blueprint, 'scorecards'] as const,
  one: (team: string, blueprint: string, sc: string) => ['team', team, 'blueprints', blueprint, 'scorecards', sc] as const,
  summary: (team: string, blueprint: string, sc: string, query: string) =>
    ['team', team, 'blueprints', blueprint, 'scorecards', sc, 'summary', query] as const,
  trend: (team: string, blueprint: string, sc: string, days: number) =>
    ['team', team, 'blueprints', blueprint, 'scorecards', sc, 'trend', days] as const,
  history: (team: string, blueprint: string, sc: string, entity: string | null) =>
    ['team', team, 'blueprints', blueprint, 'scorecards', sc, 'history', entity] as const,
  failing: (team: string, blueprint: string, sc: string) => ['team', team, 'blueprints', blueprint, 'scorecards', sc, 'failing'] as const,
  preview: (team: string, blueprint: string, body: string) => ['team', team, 'blueprints', blueprint, 'scorecard-preview', body] as const,
  entity: (team: string, blueprint: string, identifier: string) =>
    ['team', team, 'blueprints', blueprint, 'entities', identifier, 'scorecards'] as const,
};
