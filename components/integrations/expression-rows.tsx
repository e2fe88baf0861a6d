'use client';

import { Button } from '@/components/ui/button';
import { newKey, rowPath, type ExpressionRow } from './integration-draft';

// The named expressions of one mapping's properties or relations: a row each (name = expression),
// with its error beside it. Names are the blueprint's property or relation ids.

const input =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500';

export function ExpressionRows({
  label,
  group,
  mapping,
  rows,
  names,
  errors,
  onChange,
}: {
  label: string;
  group: 'properties' | 'relations';
  mapping: number;
  rows: ExpressionRow[];
  /** The blueprint's property or relation ids, offered as names. */
  names: string[];
  errors: Map<string, string>;
  onChange(rows: ExpressionRow[]): void;
}) {
  const listId = `names-${mapping}-${group}`;
  const set = (key: string, patch: Partial<ExpressionRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</legend>
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {rows.map((row, i) => {
        const error = errors.get(rowPath(mapping, group, row.name.trim() || row.key));
        const errorId = `${listId}-${row.key}-error`;
        return (
          <div key={row.key} className="space-y-1">
            <div className="grid grid-cols-[10rem_minmax(0,1fr)_auto] items-center gap-2">
              <input
                aria-label={`${label} ${i + 1}: name`}
                list={listId}
                value={row.name}
                placeholder="name"
                onChange={(e) => set(row.key, { name: e.target.value })}
                className={`${input} font-mono`}
                aria-invalid={error ? true : undefined}
              />
              <input
                aria-label={`${label} ${i + 1}: expression`}
                value={row.expression}
                placeholder="JSONata, e.g. metadata.language"
                onChange={(e) => set(row.key, { expression: e.target.value })}
                className={`${input} font-mono`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              />
              <Button
                type="button"
                variant="ghost"
                size="sm"
                aria-label={`Remove ${label.toLowerCase()} ${row.name || i + 1}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                ✕
              </Button>
            </div>
            {error && (
              <p id={errorId} role="alert" className="text-xs font-medium text-red-600">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...rows, { key: newKey(), name: '', expression: '' }])}>
        + Add {group === 'properties' ? 'a property' : 'a relation'}
      </Button>
    </fieldset>
  );
}
