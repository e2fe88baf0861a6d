'use client';

import { formatDateTime } from '@/components/ui/format';
import { LevelBadge } from './level-bar';
import type { ScorecardView } from './scorecard-types';
import { useLevelHistory } from './use-scorecard-data';

// When an entity's level changed on one scorecard, newest first, and why (the cause codes of
// migration 0015's scorecard_level_changes).

const CAUSES = new Map([
  ['entity_created', 'the entity was created'],
  ['entity_updated', 'the entity changed'],
  ['entity_restored', 'an older version was restored'],
  ['entity_deleted', 'the entity was deleted'],
  ['related_entity_changed', 'a linked entity changed'],
  ['scorecard_changed', 'the scorecard changed'],
  ['schema_changed', 'the blueprint changed'],
]);

type Props = { team: string; blueprint: string; scorecard: ScorecardView; identifier: string; version: number };

export function EntityLevelHistory({ team, blueprint, scorecard, identifier, version }: Props) {
  const history = useLevelHistory(team, blueprint, scorecard.identifier, identifier, version);
  if (history.isPending) return <div className="h-16 animate-pulse rounded bg-slate-100" aria-label="Loading level history" />;
  if (history.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        Could not load the history: {history.error.message}
      </p>
    );
  if (history.data.changes.length === 0) return <p className="text-sm text-slate-500">No level change yet.</p>;
  const colorOf = new Map(scorecard.levels.map((l) => [l.name, l.color]));
  const badge = (name: string | null) =>
    name === null ? (
      <span className="text-xs text-slate-500">none</span>
    ) : (
      <LevelBadge name={name} color={colorOf.get(name) ?? '#94a3b8'} />
    );
  return (
    <ol className="space-y-2" aria-label={`${scorecard.title} level history`}>
      {history.data.changes.map((c, i) => (
        <li key={`${c.at}-${i}`} className="rounded-lg border border-slate-100 bg-slate-50 px-3 py-2">
          <div className="flex flex-wrap items-center gap-1.5 text-sm">
            {badge(c.from)}
            <span aria-hidden className="text-slate-500">
              →
            </span>
            <span className="sr-only">to</span>
            {badge(c.to)}
          </div>
          <p className="mt-1 text-xs text-slate-500">
            <time dateTime={c.at}>{formatDateTime(c.at)}</time> · {CAUSES.get(c.cause) ?? c.cause.replaceAll('_', ' ')}
          </p>
        </li>
      ))}
    </ol>
  );
}
