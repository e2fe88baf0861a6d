// The browser's client of the REST API (same routes as scripts; the session cookie authenticates).
// Errors arrive as ApiError with API.md's code, message and details.

export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** `details.reason` (docs/API.md): what kind of fault, for code that must branch on it. */
  get reason(): string | undefined {
    const reason = (this.details as { reason?: unknown } | null | undefined)?.reason;
    return typeof reason === 'string' ? reason : undefined;
  }

  /** Field errors by JSON pointer ("/name" -> "must NOT have fewer than 1 characters"). */
  fieldErrors(): Record<string, string> {
    const list = Array.isArray(this.details) ? (this.details as FieldError[]) : [];
    return Object.fromEntries(list.map((d) => [d.path, d.message]));
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error ?? { code: 'internal', message: `request failed (${response.status})` };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return payload as T;
}

/** A GET that also returns the ETag header (If-Match of the next save); errors as ApiError. */
export async function fetchWithEtag<T>(path: string): Promise<{ body: T; etag: string | null }> {
  const response = await fetch(`/api/v1${path}`, { credentials: 'same-origin' });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error ?? { code: 'internal', message: `request failed (${response.status})` };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return { body: payload as T, etag: response.headers.get('etag') };
}

/** Query keys in one place, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  team: (team: string) => ['team', team] as const,
  members: (team: string) => ['team', team, 'members'] as const,
  roles: (team: string) => ['team', team, 'roles'] as const,
  groupMappings: (team: string) => ['team', team, 'group-mappings'] as const,
  groups: (team: string) => ['team', team, 'groups'] as const,
  groupMembers: (team: string, group: string) => ['team', team, 'groups', group, 'members'] as const,
  apiKeys: (team: string) => ['team', team, 'api-keys'] as const,
  invitations: (team: string) => ['team', team, 'invitations'] as const,
  auditLogs: (team: string, filters: Record<string, string>) => ['team', team, 'audit-logs', filters] as const,
  permissions: () => ['permissions'] as const,
  mySessions: () => ['me', 'sessions'] as const,
  myLoginTokens: () => ['me', 'login-tokens'] as const,
  myPersonalTokens: () => ['me', 'personal-tokens'] as const,
  entityHistory: (team: string, blueprint: string, identifier: string) =>
    ['team', team, 'blueprints', blueprint, 'entities', identifier, 'history'] as const,
  entitySearch: (team: string, blueprint: string, body: unknown) =>
    ['team', team, 'blueprints', blueprint, 'entities', 'search', body] as const,
  facets: (team: string, blueprint: string, property: string, query: string) =>
    ['team', team, 'blueprints', blueprint, 'facets', property, query] as const,
  savedViews: (team: string, blueprint: string) => ['team', team, 'blueprints', blueprint, 'views'] as const,
  quickSearch: (team: string, q: string) => ['team', team, 'quick-search', q] as const,
  entityGraph: (team: string, blueprint: string, identifier: string, direction: string, hops: number) =>
    ['team', team, 'blueprints', blueprint, 'entities', identifier, 'graph', direction, hops] as const,
  entityOptions: (team: string, blueprint: string, q: string) => ['team', team, 'blueprints', blueprint, 'entity-options', q] as const,
};
