// Where the action and run pages live and where their API answers, in one place (as the
// scorecards' paths). Identifiers are encoded as one path segment each.

const enc = encodeURIComponent;

export const actionsHref = (team: string) => `/t/${enc(team)}/actions`;
export const newActionHref = (team: string, blueprint?: string) =>
  `${actionsHref(team)}/new${blueprint ? `?blueprint=${enc(blueprint)}` : ''}`;
export const editActionHref = (team: string, action: string) => `${actionsHref(team)}/${enc(action)}/edit`;
export const runsHref = (team: string) => `/t/${enc(team)}/runs`;
export const runHref = (team: string, run: string) => `${runsHref(team)}/${enc(run)}`;
export const approvalsHref = (team: string) => `/t/${enc(team)}/approvals`;
export const blueprintActionsHref = (team: string, blueprint: string) => `/t/${enc(team)}/blueprints/${enc(blueprint)}/actions`;

/** REST paths under /api/v1. */
export const actionsApi = (team: string, action?: string, sub?: 'runs' | 'rotate-secret') => {
  const base = `/teams/${enc(team)}/actions`;
  if (!action) return base;
  return sub ? `${base}/${enc(action)}/${sub}` : `${base}/${enc(action)}`;
};
export const runsApi = (team: string, run?: string, sub?: 'logs' | 'approval' | 'cancel') => {
  const base = `/teams/${enc(team)}/runs`;
  if (!run) return base;
  return sub ? `${base}/${enc(run)}/${sub}` : `${base}/${enc(run)}`;
};
/** The actions offered on one entity (helper A's extension route). */
export const offeredActionsApi = (team: string, blueprint: string, identifier: string) =>
  `/teams/${enc(team)}/blueprints/${enc(blueprint)}/entities/${enc(identifier)}/actions`;

/** The "create" actions offered on a blueprint's catalog. */
export const blueprintCreateActionsApi = (team: string, blueprint: string) => `/teams/${enc(team)}/blueprints/${enc(blueprint)}/actions`;

/** Query keys of the action and run reads, so a write invalidates exactly what it changed. */
export const actionKeys = {
  all: (team: string) => ['team', team, 'actions'] as const,
  list: (team: string, blueprint: string | null) => ['team', team, 'actions', 'list', blueprint] as const,
  one: (team: string, action: string) => ['team', team, 'actions', 'one', action] as const,
  creatable: (team: string, blueprint: string) => ['team', team, 'actions', 'creatable', blueprint] as const,
  offered: (team: string, blueprint: string, identifier: string) => ['team', team, 'actions', 'offered', blueprint, identifier] as const,
  runs: (team: string) => ['team', team, 'runs'] as const,
  runList: (team: string, filters: Record<string, string>) => ['team', team, 'runs', 'list', filters] as const,
  run: (team: string, run: string) => ['team', team, 'runs', 'one', run] as const,
  approvals: (team: string) => ['team', team, 'runs', 'list', { status: 'waiting_approval' }] as const,
};
