'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import type { SyncView } from '@/lib/integrations/list-integration-syncs';
import { api, fetchWithEtag } from '@/lib/web/api-client';
import { integrationKeys, integrationsApi } from './integration-paths';

// The integration reads of the pages, through the REST API as every browser read.

export function useIntegrations(team: string) {
  return useQuery({
    queryKey: integrationKeys.list(team),
    queryFn: () => api<{ integrations: IntegrationView[] }>(`${integrationsApi(team)}?limit=100`),
  });
}

/** One integration with its ETag (If-Match of the next save). */
export function useIntegration(team: string, integration: string) {
  return useQuery({
    queryKey: integrationKeys.one(team, integration),
    queryFn: () => fetchWithEtag<IntegrationView>(integrationsApi(team, integration)),
  });
}

/** Its syncs, newest first, a page at a time. */
export function useIntegrationSyncs(team: string, integration: string) {
  return useInfiniteQuery({
    queryKey: integrationKeys.syncs(team, integration),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20' });
      if (pageParam) params.set('cursor', pageParam);
      return api<{ syncs: SyncView[]; next_cursor: string | null }>(`${integrationsApi(team, integration, 'syncs')}?${params}`);
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
