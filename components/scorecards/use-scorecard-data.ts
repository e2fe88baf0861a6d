'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, fetchWithEtag } from '@/lib/web/api-client';
import { scorecardKeys, scorecardsApiPath } from './scorecard-paths';
import type { ScorecardHistory, ScorecardList, ScorecardSummary, ScorecardTrend, ScorecardView } from './scorecard-types';

// The scorecard reads of the pages, through the REST API as every browser read. While a scorecard
// recomputes, its reads poll (2 s) until `recomputing` is false, so progress moves by itself.

const poll = (recomputing: boolean | undefined) => (recomputing ? 2000 : false);

export function useScorecards(team: string, blueprint: string) {
  return useQuery({
    queryKey: scorecardKeys.all(team, blueprint),
    queryFn: () => api<ScorecardList>(`${scorecardsApiPath(team, blueprint)}?limit=100`),
    refetchInterval: (q) => poll(q.state.data?.scorecards.some((s) => s.recomputing)),
  });
}

/** One scorecard with its ETag (If-Match of the next save). */
export function useScorecard(team: string, blueprint: string, sc: string) {
  return useQuery({
    queryKey: scorecardKeys.one(team, blueprint, sc),
    queryFn: () => fetchWithEtag<ScorecardView>(scorecardsApiPath(team, blueprint, sc)),
    refetchInterval: (q) => poll(q.state.data?.body.recomputing),
  });
}

export function useSummary(team: string, blueprint: string, sc: string, query = '') {
  return useQuery({
    queryKey: scorecardKeys.summary(team, blueprint, sc, query),
    queryFn: () =>
      api<ScorecardSummary>(`${scorecardsApiPath(team, blueprint, sc, 'summary')}${query ? `?query=${encodeURIComponent(query)}` : ''}`),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => poll(q.state.data?.recomputing),
  });
}

export function useTrend(team: string, blueprint: string, sc: string, days: number) {
  return useQuery({
    queryKey: scorecardKeys.trend(team, blueprint, sc, days),
    queryFn: () => api<ScorecardTrend>(`${scorecardsApiPath(team, blueprint, sc, 'trend')}?days=${days}`),
    placeholderData: keepPreviousData,
  });
}

/** `version`: the entity's version, so a page after a write never shows the history cached before it. */
export function useLevelHistory(team: string, blueprint: string, sc: string, entity: string | null, version = 0, limit = 20) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (entity !== null) params.set('entity', entity);
  return useQuery({
    queryKey: [...scorecardKeys.history(team, blueprint, sc, entity), version],
    queryFn: () => api<ScorecardHistory>(`${scorecardsApiPath(team, blueprint, sc, 'history')}?${params}`),
  });
}
