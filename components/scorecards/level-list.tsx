'use client';

import { inputClass } from '@/components/catalog/control-styles';
import { Button } from '@/components/ui/button';
import { SCORECARD_LIMITS } from '@/lib/domain/scorecard-rules';
import type { LevelDraft } from './scorecard-draft';

// The levels, lowest first: a name, a colour (the browser's own picker, keyboard usable), and
// Up / Down / Remove buttons (reordering by keyboard, no drag needed). The first level is what an
// entity has when it passes nothing, so it holds no rules.

type Props = {
  levels: LevelDraft[];
  /** How many rules each level holds, by level key. */
  ruleCounts: Map<string, number>;
  errors: Map<string, string>;
  onChange: (key: string, patch: Partial<Omit<LevelDraft, 'key'>>) => void;
  onMove: (key: string, delta: -1 | 1) => void;
  onRemove: (key: string) => void;
  onAdd: () => void;
};

const iconButton =
  'grid h-8 w-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-30 disabled:hover:bg-transparent';

export function LevelList({ levels, ruleCounts, errors, onChange, onMove, onRemove, onAdd }: Props) {
  return (
    <div>
      <ol className="space-y-2" aria-label="Levels">
        {levels.map((level, i) => {
          const error = errors.get(`levels.${i}`);
          const name = level.name || `level ${i + 1}`;
          return (
            <li key={level.key} className="flex flex-wrap items-center gap-2">
              <span className="w-6 text-right text-xs tabular-nums text-slate-500">{i + 1}</span>
              <input
                type="color"
                value={level.color}
                aria-label={`Colour of ${name}`}
                onChange={(e) => onChange(level.key, { color: e.target.value })}
                className="h-9 w-10 cursor-pointer rounded-md border border-slate-300 bg-white p-1"
              />
              <input
                value={level.name}
                aria-label={`Name of level ${i + 1}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `level-${level.key}-error` : undefined}
                maxLength={SCORECARD_LIMITS.levelNameLength}
                onChange={(e) => onChange(level.key, { name: e.target.value })}
                className={`${inputClass} w-48`}
              />
              {i === 0 && <span className="text-xs text-slate-500">what an entity has when it passes no level</span>}
              {i > 0 && !ruleCounts.get(level.key) && (
                <span className="text-xs text-amber-700">no rules: reached with the level below</span>
              )}
              <span className="ml-auto flex gap-1">
                <button
                  type="button"
                  className={iconButton}
                  disabled={i === 0}
                  onClick={() => onMove(level.key, -1)}
                  aria-label={`Move ${name} to a lower rank`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className={iconButton}
                  disabled={i === levels.length - 1}
                  onClick={() => onMove(level.key, 1)}
                  aria-label={`Move ${name} to a higher rank`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className={iconButton}
                  disabled={levels.length <= SCORECARD_LIMITS.minLevels}
                  onClick={() => onRemove(level.key)}
                  aria-label={`Remove ${name}`}
                >
                  ×
                </button>
              </span>
              {error && (
                <p id={`level-${level.key}-error`} role="alert" className="basis-full pl-8 text-xs font-medium text-red-600">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <Button variant="ghost" size="sm" className="mt-2 ml-6" onClick={onAdd} disabled={levels.length >= SCORECARD_LIMITS.maxLevels}>
        + Add level
      </Button>
    </div>
  );
}
