'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, fetchWithEtag } from '@/lib/web/api-client';
import { actionKeys, actionsApi, blueprintCreateActionsApi, offeredActionsApi, runsApi } from './action-paths';
import type { ActionList, ActionView, RunList, RunView } from './action-view';
import { isFinal } from './run-status';

// The action and run reads of the pages, through the REST API as every browser read. A run that
// can still change is polled (2 s) besides its live log stream, so its steps and status move by
// themselves; a finished one is read once.

export function useActions(team: string, blueprint: string | null) {
  const params = new URLSearchParams({ limit: '200' });
  if (blueprint) params.set('blueprint', blueprint);
  return useQuery({
    queryKey: actionKeys.list(team, blueprint),
    queryFn: () => api<ActionList>(`${actionsApi(team)}?${params}`),
  });
}

/** One action with its ETag (If-Match of the next save). */
export function useAction(team: string, action: string) {
  return useQuery({ queryKey: actionKeys.one(team, action), queryFn: () => fetchWithEtag<ActionView>(actionsApi(team, action)) });
}

/** The actions the caller may run on one entity (trigger and condition checked by the server). */
export function useOfferedActions(team: string, blueprint: string, identifier: string, enabled = true) {
  return useQuery({
    queryKey: actionKeys.offered(team, blueprint, identifier),
    queryFn: () => api<{ actions: ActionView[] }>(offeredActionsApi(team, blueprint, identifier)),
    enabled,
  });
}

/** The enabled "create" actions of a blueprint (its catalog page's buttons). */
export function useCreateActions(team: string, blueprint: string) {
  return useQuery({
    queryKey: actionKeys.creatable(team, blueprint),
    queryFn: () => api<{ actions: ActionView[] }>(blueprintCreateActionsApi(team, blueprint)),
  });
}

/** Runs, newest first, a page at a time ("Load more" follows `next_cursor`). */
export function useRuns(team: string, filters: Record<string, string>, limit = 25) {
  return useInfiniteQuery({
    queryKey: actionKeys.runList(team, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ ...filters, limit: String(limit) });
      if (pageParam) params.set('cursor', pageParam);
      return api<RunList>(`${runsApi(team)}?${params}`);
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.runs.some((r) => !isFinal(r.status))) ? 5000 : false),
  });
}

export function useRun(team: string, run: string) {
  return useQuery({
    queryKey: actionKeys.run(team, run),
    queryFn: () => api<RunView>(runsApi(team, run)),
    refetchInterval: (q) => (q.state.data && isFinal(q.state.data.status) ? false : 2000),
  });
}

/** Runs waiting for an approval (the inbox and the count in the navigation). */
export function useWaitingRuns(team: string, enabled = true) {
  return useQuery({
    queryKey: actionKeys.approvals(team),
    queryFn: () => api<RunList>(`${runsApi(team)}?status=waiting_approval&limit=100`),
    enabled,
    refetchInterval: 15_000,
  });
}
