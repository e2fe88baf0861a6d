import type { ScorecardLevel } from '@/lib/domain/scorecard-rules';

// A scorecard level as a badge in the level's colour (a dot and the name, so the colour is never
// the only signal); a dash for an entity the scorecard does not score.
export function LevelBadge({ level }: { level: ScorecardLevel | null }) {
  if (!level) return <span className="text-slate-300">—</span>;
  return (
    <span
      data-level={level.name}
      className="inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium text-slate-800"
      style={{ borderColor: level.color, backgroundColor: `${level.color}1a` }}
    >
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: level.color }} />
      {level.name}
    </span>
  );
}
