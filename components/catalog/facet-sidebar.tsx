'use client';

import type { Field } from '@/lib/catalog-view/fields';
import { selectedFacetValues, withoutFacetRule, type Group } from '@/lib/catalog-view/rule-tree';
import { useFacet } from './use-entity-search';

// Values with counts of the properties lib/catalog-view/facet-fields.ts picks, under the current query
// (less the facet's own rule). Ticking a value adds it to that property's `=` / `in` rule.

const MAX_VALUES = 10;

type Props = {
  team: string;
  blueprint: string;
  fields: Field[];
  query: Group;
  q: string;
  onToggle: (property: string, value: unknown) => void;
};

export function FacetSidebar({ fields, id, hidden, ...props }: Props & { id?: string; hidden?: boolean }) {
  if (fields.length === 0) return null;
  return (
    <aside id={id} hidden={hidden} aria-label="Facets" className="w-56 shrink-0 space-y-5">
      {fields.map((f) => (
        <Facet key={f.key} field={f} {...props} />
      ))}
    </aside>
  );
}

const show = (v: unknown) => (v === true ? 'Yes' : v === false ? 'No' : v === null ? '(none)' : String(v));

function Facet({ team, blueprint, field, query, q, onToggle }: Omit<Props, 'fields'> & { field: Field }) {
  const facet = useFacet(team, blueprint, field.key, withoutFacetRule(query, field.key), q);
  const selected = selectedFacetValues(query, field.key);
  const values = (facet.data?.values ?? []).filter((v) => v.value !== null).slice(0, MAX_VALUES);
  const headingId = `facet-${field.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {field.label}
      </h2>
      {facet.isPending ? (
        <div className="animate-pulse space-y-2" aria-hidden>
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-5 rounded bg-slate-100" />
          ))}
        </div>
      ) : facet.error ? (
        <p className="text-xs text-red-600">Could not load values.</p>
      ) : values.length === 0 ? (
        <p className="text-xs text-slate-500">No values</p>
      ) : (
        <ul className={`space-y-0.5 transition-opacity ${facet.isPlaceholderData ? 'opacity-60' : ''}`}>
          {values.map((v) => {
            const on = selected.includes(v.value);
            return (
              <li key={String(v.value)}>
                <label
                  className={`flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 text-sm hover:bg-slate-100 ${on ? 'bg-indigo-50 text-indigo-800' : 'text-slate-700'}`}
                >
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() => onToggle(field.key, v.value)}
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                  />
                  <span className="min-w-0 flex-1 truncate">{show(v.value)}</span>
                  <span className="text-xs tabular-nums text-slate-500">{v.count.toLocaleString('en')}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
