'use client';

import type { GraphDirection } from '@/lib/relations/entity-graph.sql';
import { MAX_GRAPH_HOPS, type GraphView } from './graph-view';

// The graph's view controls: which way to follow links (both, upstream: what the entity depends
// on, downstream: what depends on it) and how many hops.

const DIRECTIONS: Array<{ value: GraphDirection; label: string; hint: string }> = [
  { value: 'both', label: 'Both ways', hint: 'Dependencies and dependents' },
  { value: 'upstream', label: 'Depends on', hint: 'Upstream: what this entity depends on' },
  { value: 'downstream', label: 'Depended on by', hint: 'Downstream: what depends on this entity' },
];

export function GraphControls({ view, onChange, pending }: { view: GraphView; onChange(next: GraphView): void; pending: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <div role="radiogroup" aria-label="Direction" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm">
        {DIRECTIONS.map((d) => {
          const checked = d.value === view.direction;
          return (
            <button
              key={d.value}
              type="button"
              role="radio"
              aria-checked={checked}
              title={d.hint}
              onClick={() => onChange({ ...view, direction: d.value })}
              className={`rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${checked ? 'bg-indigo-600 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
            >
              {d.label}
            </button>
          );
        })}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Hops
        <select
          value={view.hops}
          onChange={(e) => onChange({ ...view, hops: Number(e.target.value) })}
          className="rounded-md border border-slate-300 bg-white py-1.5 pl-2.5 pr-7 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
        >
          {Array.from({ length: MAX_GRAPH_HOPS }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {pending && (
        <span
          className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600"
          aria-label="Loading"
          role="status"
        />
      )}
    </div>
  );
}
