'use client';

import Link from 'next/link';
import { entityHref } from '@/components/entity/entity-href';
import { LevelBadge } from './level-bar';
import { useEntityScores } from './use-entity-scores';
import { useScorecards } from './use-scorecard-data';

// Beside an entity's title: one badge per scorecard that applies to it, its level name in the
// level's colour, linking to the entity's Scorecards tab.

type Props = { team: string; blueprint: string; identifier: string; version: number };

export function EntityScorecardBadges({ team, blueprint, identifier, version }: Props) {
  const list = useScorecards(team, blueprint);
  const scores = useEntityScores(team, blueprint, identifier, version);
  if (!list.data || !scores.data) return null;
  const badges = list.data.scorecards.flatMap((sc) => {
    const score = scores.data.get(sc.identifier);
    if (!score) return [];
    const color = sc.levels.find((l) => l.name === score.level)?.color ?? '#94a3b8';
    return [{ sc, score, color }];
  });
  if (badges.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label="Scorecard levels">
      {badges.map(({ sc, score, color }) => (
        <li key={sc.identifier} data-scorecard={sc.identifier}>
          <Link
            href={entityHref(team, blueprint, identifier, 'scorecards')}
            className="inline-flex items-center gap-1.5 rounded-full text-xs hover:opacity-80"
            title={`${sc.title}: ${score.level}`}
          >
            <span className="text-slate-500">{sc.title}</span>
            <LevelBadge name={score.level} color={color} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
