'use client';

import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { plural } from '@/components/ui/format';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { levelHref } from './catalog-links';
import { LevelBar, RecomputeProgress } from './level-bar';
import { scorecardHref } from './scorecard-paths';
import type { ScorecardView } from './scorecard-types';
import { useScorecards, useSummary } from './use-scorecard-data';

// The blueprint's scorecards as cards: title, what it is, its rules, and its level distribution
// as a small stacked bar (each count a link into the catalog), or its progress while recomputing.

export function ScorecardList({ team, blueprint }: { team: string; blueprint: string }) {
  const list = useScorecards(team, blueprint);
  if (list.isPending) return <TableSkeleton rows={3} />;
  if (list.isError) return <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.scorecards.length === 0)
    return (
      <EmptyState icon="🏅" title="No scorecards yet">
        A scorecard ranks this blueprint&apos;s entities into levels by rules, such as &ldquo;every production service has an owner and a
        runbook&rdquo;.
      </EmptyState>
    );
  return (
    <ul className="grid gap-4 lg:grid-cols-2" aria-label="Scorecards">
      {list.data.scorecards.map((sc) => (
        <ScorecardCard key={sc.identifier} team={team} blueprint={blueprint} scorecard={sc} />
      ))}
    </ul>
  );
}

function ScorecardCard({ team, blueprint, scorecard: sc }: { team: string; blueprint: string; scorecard: ScorecardView }) {
  const summary = useSummary(team, blueprint, sc.identifier);
  const where = { team, blueprint, scorecard: sc.identifier };
  return (
    <li className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">
          <Link href={scorecardHref(team, blueprint, sc.identifier)} className="hover:text-indigo-700 hover:underline">
            {sc.title}
          </Link>
        </h2>
        {sc.recomputing && <RecomputeProgress progress={sc.progress} />}
      </div>
      <p className="mt-0.5 font-mono text-xs text-slate-500">{sc.identifier}</p>
      {sc.description && <p className="mt-2 line-clamp-2 text-sm text-slate-600">{sc.description}</p>}
      <p className="mt-2 text-xs text-slate-500">
        {plural(sc.rules.length, 'rule', 'rules')} · {sc.levels.map((l) => l.name).join(' → ')}
      </p>
      <div className="mt-4">
        {summary.data ? (
          summary.data.total === 0 ? (
            <p className="text-sm text-slate-500">{sc.computed_at ? 'No entities yet.' : 'Not computed yet.'}</p>
          ) : (
            <LevelBar levels={summary.data.levels} label={`${sc.title} level distribution`} hrefOf={(level) => levelHref(where, level)} />
          )
        ) : summary.isError ? (
          <p className="text-sm text-red-600">Could not load the distribution.</p>
        ) : (
          <div className="h-8 animate-pulse rounded bg-slate-100" />
        )}
      </div>
    </li>
  );
}
