'use client';

import { EntityPicker } from '@/components/ui/entity-picker';
import { MAX_RELATED_HOPS, type RelatedValue } from '@/lib/catalog-view/rule-tree';
import { useCatalogContext } from './catalog-context';
import { selectClass } from './control-styles';

// The value of a "Related to…" rule, read as a sentence: [depends on | is depended on by] any of
// [blueprint] [entities, picked by typing] within [N] hops. "Depends on X" keeps the entities
// whose links lead to X (the search's downstream of X); "is depended on by X" keeps what X's
// links lead to (upstream of X).

export const RELATED_DIRECTIONS = [
  { value: 'downstream', label: 'depends on' },
  { value: 'upstream', label: 'is depended on by' },
] as const;

type Props = { value: unknown; onChange(value: RelatedValue): void; label: string; invalid?: boolean };

export function RelatedToInput({ value, onChange, label, invalid }: Props) {
  const { team, blueprints } = useCatalogContext();
  const v = value as RelatedValue;
  const set = (patch: Partial<RelatedValue>) => onChange({ ...v, ...patch });
  const target = blueprints.find((b) => b.id === v.blueprint);
  return (
    <span className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
      <select
        aria-label={`${label} direction`}
        className={selectClass}
        value={v.direction}
        onChange={(e) => set({ direction: e.target.value as RelatedValue['direction'] })}
      >
        {RELATED_DIRECTIONS.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </select>
      <select
        aria-label={`${label} blueprint`}
        aria-invalid={(invalid && !v.blueprint) || undefined}
        className={`${selectClass} w-40`}
        value={v.blueprint}
        onChange={(e) => set({ blueprint: e.target.value, value: [] })}
      >
        <option value="">Blueprint…</option>
        {blueprints.map((b) => (
          <option key={b.id} value={b.id}>
            {b.icon ? `${b.icon} ` : ''}
            {b.title}
          </option>
        ))}
      </select>
      {target && (
        <span className="min-w-64 flex-1">
          <EntityPicker
            key={target.id}
            team={team}
            blueprint={target.id}
            noun={target.title.toLowerCase()}
            multiple
            value={v.value}
            onChange={(next) => set({ value: next })}
            label={`${label} entities`}
            invalid={invalid && v.value.length === 0}
          />
        </span>
      )}
      <label className="flex items-center gap-1.5 text-sm text-slate-600">
        within
        <select
          aria-label={`${label} hops`}
          className={selectClass}
          value={v.max_hops}
          onChange={(e) => set({ max_hops: Number(e.target.value) })}
        >
          {Array.from({ length: MAX_RELATED_HOPS }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        {v.max_hops === 1 ? 'hop' : 'hops'}
      </label>
    </span>
  );
}
