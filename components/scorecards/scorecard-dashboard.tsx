'use client';

import Link from 'next/link';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { levelHref, scoredHref } from './catalog-links';
import { FailingEntities } from './failing-entities';
import { LevelChart } from './level-chart';
import { RecomputeProgress } from './level-bar';
import { RuleRates } from './rule-rates';
import { scorecardHref, scorecardsHref } from './scorecard-paths';
import { TrendChart } from './trend-chart';
import { useScorecard, useSummary, useTrend } from './use-scorecard-data';

// A scorecard's dashboard: how the entities spread over the levels, each rule's pass rate, the
// spread day by day over 30 or 90 days, and the entities that fail the most. Every count is a
// link into the catalog table filtered to exactly the entities it counts. While a definition
// change recomputes, the previous results stay on screen with the progress above them.

type Props = { team: string; blueprint: { id: string; title: string; icon: string | null }; scorecard: string; canWrite: boolean };

// min-w-0: a chart sized to its cell must not widen the grid cell it sits in (a resize loop).
const card = 'min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm';

export function ScorecardDashboard({ team, blueprint, scorecard: sc, canWrite }: Props) {
  const bp = blueprint.id;
  const one = useScorecard(team, bp, sc);
  const summary = useSummary(team, bp, sc);
  const [days, setDays] = useState<30 | 90>(30);
  const trend = useTrend(team, bp, sc, days);
  if (one.isPending) return <TableSkeleton rows={6} />;
  if (one.isError) return <ErrorBanner error={one.error} onRetry={() => void one.refetch()} />;
  const view = one.data.body;
  const where = { team, blueprint: bp, scorecard: sc };
  const data = summary.data;
  return (
    <>
      <PageHeader
        title={view.title}
        icon={blueprint.icon}
        description={view.description ?? `A scorecard on ${blueprint.title}.`}
        aside={
          <div className="flex gap-2">
            <Link href={scorecardsHref(team, bp)} className={buttonClass('secondary')}>
              All scorecards
            </Link>
            <Link href={scorecardHref(team, bp, sc, 'edit')} className={buttonClass(canWrite ? 'primary' : 'secondary')}>
              {canWrite ? 'Edit scorecard' : 'Definition'}
            </Link>
          </div>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-4 text-sm text-slate-600" data-testid="scorecard-status">
        {data && (
          <span>
            <Link
              href={scoredHref(
                where,
                view.levels.map((l) => l.name),
              )}
              className="font-semibold tabular-nums text-indigo-700 hover:underline"
              data-testid="total"
            >
              {data.total.toLocaleString('en-US')}
            </Link>{' '}
            entities scored
          </span>
        )}
        {view.computed_at && <span>Computed {formatDateTime(view.computed_at)}</span>}
        {(data?.recomputing || view.recomputing) && <RecomputeProgress progress={view.progress} />}
      </div>
      {summary.isPending ? (
        <TableSkeleton rows={6} />
      ) : summary.isError ? (
        <ErrorBanner error={summary.error} onRetry={() => void summary.refetch()} />
      ) : data!.total === 0 ? (
        <EmptyState icon="🌱" title="No entities yet">
          {view.computed_at || view.recomputing
            ? 'No entity of this blueprint matches the scorecard yet.'
            : 'The scorecard has not been computed yet.'}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid gap-6 xl:grid-cols-2">
            <section aria-labelledby="dist-heading" className={card}>
              <h2 id="dist-heading" className="text-sm font-semibold text-slate-900">
                Level distribution
              </h2>
              <LevelChart levels={data!.levels} />
              <ul className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" aria-label="Entities per level">
                {data!.levels.map((l) => (
                  <li key={l.name} className="flex items-center gap-2" data-level={l.name}>
                    <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: l.color }} />
                    <span className="text-slate-600">{l.name}</span>
                    <Link href={levelHref(where, l.name)} className="ml-auto font-semibold tabular-nums text-indigo-700 hover:underline">
                      {l.count.toLocaleString('en-US')}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="rules-heading" className={card}>
              <h2 id="rules-heading" className="text-sm font-semibold text-slate-900">
                Pass rate per rule
              </h2>
              <RuleRates where={where} view={view} rules={data!.rules} />
            </section>
          </div>
          <section aria-labelledby="trend-heading" className={card}>
            <div className="mb-2 flex items-center justify-between">
              <h2 id="trend-heading" className="text-sm font-semibold text-slate-900">
                Levels over the last {days} days
              </h2>
              <div role="group" aria-label="Period" className="flex rounded-md border border-slate-300 p-0.5 text-xs">
                {([30, 90] as const).map((n) => (
                  <button
                    key={n}
                    type="button"
                    aria-pressed={days === n}
                    onClick={() => setDays(n)}
                    className="rounded px-2.5 py-1 font-medium text-slate-600 aria-pressed:bg-indigo-600 aria-pressed:text-white"
                  >
                    {n} days
                  </button>
                ))}
              </div>
            </div>
            {trend.data ? (
              <TrendChart trend={trend.data} levels={view.levels} />
            ) : trend.isError ? (
              <p role="alert" className="text-sm text-red-600">
                Could not load the trend: {trend.error.message}
              </p>
            ) : (
              <div className="h-64 animate-pulse rounded bg-slate-100" aria-label="Loading the trend" />
            )}
          </section>
          <section aria-labelledby="failing-heading" className={card}>
            <h2 id="failing-heading" className="mb-2 text-sm font-semibold text-slate-900">
              Entities that fail the most
            </h2>
            <FailingEntities team={team} blueprint={bp} scorecard={view} />
          </section>
        </div>
      )}
    </>
  );
}
