'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '@/lib/web/use-debounced';
import { api } from '@/lib/web/api-client';
import { scorecardKeys, scorecardsApiPath } from './scorecard-paths';
import type { ScorecardPreview } from './scorecard-types';

/**
 * The draft's counts from POST .../scorecards/preview (the same evaluator as the saved results,
 * stored nowhere), asked once the draft has stopped changing for 400 ms; the last answer stays
 * on screen (dimmed by the caller through `isPlaceholderData`) while the next one loads.
 */
export function useScorecardPreview(team: string, blueprint: string, body: unknown | null) {
  const json = useDebounced(body === null ? null : JSON.stringify(body), 400);
  return useQuery({
    queryKey: scorecardKeys.preview(team, blueprint, json ?? ''),
    queryFn: () => api<ScorecardPreview>(`${scorecardsApiPath(team, blueprint)}/preview`, { method: 'POST', body: JSON.parse(json!) }),
    enabled: json !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
