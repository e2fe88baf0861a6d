import Link from 'next/link';
import type { LevelCount } from './scorecard-types';

// A scorecard's level distribution as one small stacked bar and its legend: the lowest level on
// the left. With `hrefOf`, each legend count is a link into the catalog (the entities it counts).

export function LevelBar({ levels, label, hrefOf }: { levels: LevelCount[]; label: string; hrefOf?: (level: string) => string }) {
  const total = levels.reduce((n, l) => n + l.count, 0);
  return (
    <div>
      <div
        role="img"
        aria-label={`${label}: ${levels.map((l) => `${l.name} ${l.count}`).join(', ')}`}
        className="flex h-2.5 overflow-hidden rounded-full bg-slate-100"
      >
        {total > 0 && levels.map((l) => <span key={l.name} style={{ width: `${(100 * l.count) / total}%`, backgroundColor: l.color }} />)}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {levels.map((l) => (
          <li key={l.name} className="flex items-center gap-1.5">
            <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: l.color }} />
            <span>{l.name}</span>
            {hrefOf ? (
              <Link href={hrefOf(l.name)} className="font-medium tabular-nums text-indigo-700 hover:underline">
                {l.count.toLocaleString('en-US')}
              </Link>
            ) : (
              <span className="font-medium tabular-nums text-slate-900">{l.count.toLocaleString('en-US')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A level's name as a badge in its colour (a tinted background, a coloured dot, readable text). */
export function LevelBadge({ name, color, title }: { name: string; color: string; title?: string }) {
  return (
    <span
      title={title}
      className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium text-slate-800"
      style={{ borderColor: color, backgroundColor: `${color}1f` }}
    >
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: color }} />
      {name}
    </span>
  );
}

/** "recomputing 40%": a definition change is being computed; reads keep the previous results. */
export function RecomputeProgress({ progress }: { progress: { done: number; total: number } | null }) {
  const pct = progress && progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
  return (
    <span role="status" className="inline-flex items-center gap-2 text-xs font-medium text-amber-800">
      <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-amber-600 border-t-transparent" />
      Recomputing {pct}%<span className="sr-only">; the results shown are the previous ones until it finishes</span>
    </span>
  );
}
