'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { fieldMap, fieldsOf, type RelationInfo } from '@/lib/catalog-view/fields';
import { describeTree } from './condition-field';
import { EntityLevelHistory } from './entity-level-history';
import { LevelBadge } from './level-bar';
import { scorecardHref } from './scorecard-paths';
import { fromApiTree } from './scorecard-query';
import type { ScorecardView } from './scorecard-types';
import { useEntityScores, type EntityScore } from './use-entity-scores';
import { useScorecards } from './use-scorecard-data';

// An entity's Scorecards tab: per scorecard its level, a checklist of the rules (passed or
// failed, with what each asks in words), and when its level changed and why.

type Props = { team: string; blueprint: string; identifier: string; version: number; schema: unknown; relations: RelationInfo[] };

export function EntityScorecardsPanel({ team, blueprint, identifier, version, schema, relations }: Props) {
  const list = useScorecards(team, blueprint);
  const scores = useEntityScores(team, blueprint, identifier, version);
  const fields = useMemo(() => fieldMap(fieldsOf(schema, relations)), [schema, relations]);
  if (list.isPending || scores.isPending) return <TableSkeleton rows={4} />;
  if (list.isError) return <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />;
  if (scores.isError) return <ErrorBanner error={scores.error} onRetry={() => void scores.refetch()} />;
  if (list.data.scorecards.length === 0)
    return (
      <EmptyState icon="🏅" title="No scorecards on this blueprint">
        Scorecards rank entities into levels by rules; none is defined here yet.
      </EmptyState>
    );
  return (
    <div className="space-y-6">
      {list.data.scorecards.map((sc) => (
        <ScorecardChecklist
          version={version}
          key={sc.identifier}
          team={team}
          blueprint={blueprint}
          identifier={identifier}
          scorecard={sc}
          score={scores.data.get(sc.identifier)}
          fields={fields}
        />
      ))}
    </div>
  );
}

function ScorecardChecklist({
  version,
  team,
  blueprint,
  identifier,
  scorecard: sc,
  score,
  fields,
}: {
  version: number;
  team: string;
  blueprint: string;
  identifier: string;
  scorecard: ScorecardView;
  score: EntityScore | undefined;
  fields: ReturnType<typeof fieldMap>;
}) {
  const color = sc.levels.find((l) => l.name === score?.level)?.color ?? '#94a3b8';
  return (
    <section aria-label={sc.title} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-scorecard={sc.identifier}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold text-slate-900">
          <Link href={scorecardHref(team, blueprint, sc.identifier)} className="hover:text-indigo-700 hover:underline">
            {sc.title}
          </Link>
        </h2>
        {score ? (
          <LevelBadge name={score.level} color={color} />
        ) : (
          <span className="text-sm text-slate-500">Does not apply to this entity</span>
        )}
      </div>
      {score && (
        <div className="mt-4 grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
          <ul className="space-y-3" aria-label={`${sc.title} rules`}>
            {sc.rules.map((rule) => {
              const passed = score.rules.get(rule.identifier) === true;
              const asks = fromApiTree(rule.query);
              return (
                <li key={rule.identifier} className="flex gap-3" data-rule={rule.identifier} data-passed={passed}>
                  <span
                    aria-hidden
                    className={`mt-0.5 grid h-5 w-5 shrink-0 place-items-center rounded-full text-xs font-bold ${passed ? 'bg-emerald-100 text-emerald-700' : 'bg-red-100 text-red-700'}`}
                  >
                    {passed ? '✓' : '✗'}
                  </span>
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-slate-900">
                      {rule.title} <span className="sr-only">{passed ? '(passed)' : '(failed)'}</span>
                      <span className="ml-2 text-xs font-normal text-slate-500">{rule.level}</span>
                    </p>
                    {rule.description && <p className="text-sm text-slate-600">{rule.description}</p>}
                    <p className="text-xs text-slate-500">
                      Asks: {asks.rules.length ? describeTree(asks, fields) : 'nothing (always passes)'}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Level history</h3>
            <EntityLevelHistory team={team} blueprint={blueprint} scorecard={sc} identifier={identifier} version={version} />
          </div>
        </div>
      )}
    </section>
  );
}
