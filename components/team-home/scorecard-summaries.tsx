import Link from 'next/link';
import { levelHref, ruleHref } from '@/components/scorecards/catalog-links';
import { LevelBar } from '@/components/scorecards/level-bar';
import { scorecardHref } from '@/components/scorecards/scorecard-paths';
import { plural } from '@/components/ui/format';
import type { TeamScorecardSummary } from '@/lib/team-home/summarize-team-scorecards';

// Each scorecard's level distribution (the dashboard's compact bar), every count a link into the
// catalog filtered to that level (the dashboard's own links), and its most failed rule.

export function ScorecardSummaries({ team, scorecards }: { team: string; scorecards: TeamScorecardSummary[] }) {
  return (
    <ul className="space-y-5">
      {scorecards.map((sc) => {
        const where = { team, blueprint: sc.blueprint, scorecard: sc.identifier };
        const worst = [...sc.summary.rules].sort((a, b) => b.failed - a.failed)[0];
        return (
          <li key={`${sc.blueprint}/${sc.identifier}`} data-testid={`home-scorecard-${sc.identifier}`}>
            <div className="mb-1.5 flex items-baseline gap-2 text-sm">
              <Link
                href={scorecardHref(team, sc.blueprint, sc.identifier)}
                className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
              >
                {sc.title}
              </Link>
              <span className="text-xs text-slate-600">{sc.blueprint_title}</span>
              {sc.summary.computed_at === null && <span className="ml-auto text-xs text-amber-800">Not computed yet</span>}
            </div>
            <LevelBar levels={sc.summary.levels} label={`${sc.title} levels`} hrefOf={(level) => levelHref(where, level)} />
            {worst && worst.failed > 0 && (
              <p className="mt-1.5 text-xs text-slate-600">
                Most failed rule: <span className="font-mono">{worst.identifier}</span> (
                <Link href={ruleHref(where, worst.identifier, false)} className="font-medium text-indigo-700 hover:underline">
                  {plural(worst.failed, 'entity', 'entities')}
                </Link>
                )
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
