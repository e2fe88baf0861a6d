'use client';

import { useQuery } from '@tanstack/react-query';
import { entityApiPath } from '@/components/entity/entity-href';
import { api } from '@/lib/web/api-client';
import { scorecardKeys } from './scorecard-paths';
import type { EntityScores } from './scorecard-types';

export type EntityScore = { level: string; rules: Map<string, boolean> };

/** One entity's live results per scorecard (GET .../entities/{id}?include=scorecards), by scorecard id. */
export function useEntityScores(team: string, blueprint: string, identifier: string, version: number) {
  return useQuery({
    queryKey: [...scorecardKeys.entity(team, blueprint, identifier), version],
    queryFn: async () => {
      const entity = await api<EntityScores>(`${entityApiPath(team, blueprint, identifier)}?include=scorecards`);
      // Scorecard and rule identifiers are chosen by people: Maps, never object keys.
      return new Map(
        Object.entries(entity.scorecards ?? {}).map(([sc, r]) => [sc, { level: r.level, rules: new Map(Object.entries(r.rules)) }]),
      );
    },
  });
}
