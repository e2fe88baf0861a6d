// Where the integration pages live and where their API answers, in one place (as the actions').
// Identifiers are encoded as one path segment each.

const enc = encodeURIComponent;

export const integrationsHref = (team: string) => `/t/${enc(team)}/integrations`;
export const newIntegrationHref = (team: string) => `${integrationsHref(team)}/new`;
export const integrationHref = (team: string, integration: string) => `${integrationsHref(team)}/${enc(integration)}`;

/** REST paths under /api/v1. */
export const integrationsApi = (team: string, integration?: string, sub?: 'sync' | 'syncs' | 'rotate-secret' | 'pull') => {
  const base = `/teams/${enc(team)}/integrations`;
  if (!integration) return base;
  return sub ? `${base}/${enc(integration)}/${sub}` : `${base}/${enc(integration)}`;
};

/** The webhook ingestion URL of an integration (no /teams prefix: it is not a user's route). */
export const ingestUrl = (origin: string, team: string, integration: string) => `${origin}/api/v1/ingest/${enc(team)}/${enc(integration)}`;

export const integrationKeys = {
  all: (team: string) => ['team', team, 'integrations'] as const,
  list: (team: string) => ['team', team, 'integrations', 'list'] as const,
  one: (team: string, integration: string) => ['team', team, 'integrations', 'one', integration] as const,
  syncs: (team: string, integration: string) => ['team', team, 'integrations', 'syncs', integration] as const,
};
