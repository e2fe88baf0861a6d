'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { entityApiPath, entityHref } from '@/components/entity/entity-href';
import type { EntityView } from '@/lib/entities/entity-view';
import { api } from '@/lib/web/api-client';
import { LevelBadge } from './level-bar';
import { scorecardKeys } from './scorecard-paths';
import type { EntityScores, ScorecardView } from './scorecard-types';

// The entities that fail the most: the search sorted by the scorecard's level, lowest first
// (entities it does not apply to have no level and are left out by the `in` rule), ten of them,
// each with the rules it fails (from the entity's own scorecard results).

export const FAILING_LIMIT = 10;

/** The search body: every scored entity, lowest level first (API.md search rules over scorecards). */
export function failingSearchBody(scorecard: ScorecardView) {
  return {
    query: { combinator: 'and', rules: [{ scorecard: scorecard.identifier, operator: 'in', value: scorecard.levels.map((l) => l.name) }] },
    sort: [{ property: `$scorecard.${scorecard.identifier}`, order: 'asc' }],
    limit: FAILING_LIMIT,
  };
}

export function FailingEntities({ team, blueprint, scorecard }: { team: string; blueprint: string; scorecard: ScorecardView }) {
  const sc = scorecard.identifier;
  const search = useQuery({
    queryKey: scorecardKeys.failing(team, blueprint, sc),
    queryFn: () =>
      api<{ entities: EntityView[] }>(`/teams/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}/entities/search`, {
        method: 'POST',
        body: failingSearchBody(scorecard),
      }),
  });
  const entities = search.data?.entities ?? [];
  const scores = useQueries({
    queries: entities.map((e) => ({
      queryKey: scorecardKeys.entity(team, blueprint, e.identifier),
      queryFn: () => api<EntityScores>(`${entityApiPath(team, blueprint, e.identifier)}?include=scorecards`),
    })),
  });
  if (search.isPending) return <div className="h-40 animate-pulse rounded bg-slate-100" aria-label="Loading entities" />;
  if (search.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        Could not load the entities: {search.error.message}
      </p>
    );
  if (entities.length === 0) return <p className="text-sm text-slate-500">No entities yet.</p>;
  const colorOf = new Map(scorecard.levels.map((l) => [l.name, l.color]));
  const titleOf = new Map(scorecard.rules.map((r) => [r.identifier, r.title]));
  const rankOf = new Map(scorecard.levels.map((l, i) => [l.name, i]));
  const rows = entities.map((e, i) => {
    const result = scores[i]?.data?.scorecards ? new Map(Object.entries(scores[i].data!.scorecards!)).get(sc) : undefined;
    const failed = result ? [...new Map(Object.entries(result.rules))].filter(([, ok]) => !ok).map(([id]) => titleOf.get(id) ?? id) : null;
    return { e, result, failed };
  });
  // The search orders by level; within a level, the entity failing more rules comes first.
  const rank = (r: (typeof rows)[number]) => rankOf.get(r.result?.level ?? '') ?? 0;
  rows.sort((a, b) => rank(a) - rank(b) || (b.failed?.length ?? 0) - (a.failed?.length ?? 0));
  return (
    <ol className="divide-y divide-slate-100" aria-label="Entities that fail the most">
      {rows.map(({ e, result, failed }, i) => {
        return (
          <li key={e.identifier} className="flex items-center gap-3 py-2.5">
            <span className="w-5 text-right text-xs tabular-nums text-slate-500">{i + 1}</span>
            <Link
              href={entityHref(team, blueprint, e.identifier)}
              className="min-w-0 truncate text-sm font-medium text-indigo-700 hover:underline"
            >
              {e.title ?? e.identifier}
            </Link>
            {result && <LevelBadge name={result.level} color={colorOf.get(result.level) ?? '#94a3b8'} />}
            <span className="ml-auto min-w-0 truncate text-xs text-slate-500" title={failed?.join(', ')}>
              {failed === null ? '' : failed.length === 0 ? 'passes every rule' : `fails ${failed.length}: ${failed.join(', ')}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
