// Links to an entity's pages. Identifiers may hold / : @ + . (API.md), so the identifier is one
// percent-encoded path segment: "svc/api" is ".../entities/svc%2Fapi", never two segments.

export type EntityPage = 'overview' | 'edit' | 'history' | 'graph' | 'scorecards';

export function blueprintHref(team: string, blueprint: string): string {
  return `/t/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}`;
}

export function entityHref(team: string, blueprint: string, identifier: string, page: EntityPage = 'overview'): string {
  const base = `${blueprintHref(team, blueprint)}/entities/${encodeURIComponent(identifier)}`;
  return page === 'overview' ? base : `${base}/${page}`;
}

/** The entity's REST path under /api/v1 (for the browser's api client). */
export function entityApiPath(team: string, blueprint: string, identifier: string): string {
  return `/teams/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}/entities/${encodeURIComponent(identifier)}`;
}
