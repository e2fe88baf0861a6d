'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { Field } from '@/lib/catalog-view/fields';
import { valueAt } from '@/lib/catalog-view/fields';
import { levelOf } from '@/lib/catalog-view/scorecard-fields';
import { sortable, type Sort } from '@/lib/catalog-view/view-state';
import { ownValue } from '@/lib/domain/own-keys';
import type { EntityView } from '@/lib/entities/entity-view';
import type { RelatedEntity } from '@/lib/relations/entity-links';
import { RowActionMenu } from '@/components/actions/row-action-menu';
import { entityHref } from '@/components/entity/entity-href';
import { LevelBadge } from './level-badge';
import { PropertyValue, type PropertySchema } from './property-value';

// The catalog's rows: a fixed first column (title and identifier, linking to the entity) and the
// chosen columns, with sortable headers (aria-sort). Every row is h-14, skeleton rows included,
// so nothing moves when a page lands.

const ROW = 'h-14';

function schemaOf(field: Field): PropertySchema {
  if (field.kind === 'enum') return { enum: field.options };
  if (field.kind === 'date') return { format: field.format };
  return {};
}

function SortHeader({
  label,
  property,
  sort,
  onSort,
  sortableColumn,
}: {
  label: string;
  property: string;
  sort: Sort | null;
  onSort: (p: string) => void;
  sortableColumn: boolean;
}) {
  const active = sort?.property === property;
  const ariaSort = active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none';
  // The header reads as its column; its button as what a press does (nextSort: asc, then desc).
  const next = active && sort.order === 'asc' ? 'descending' : 'ascending';
  return (
    <th
      scope="col"
      aria-sort={sortableColumn ? ariaSort : undefined}
      aria-label={sortableColumn ? label : undefined}
      className="whitespace-nowrap px-4 py-2.5"
    >
      {sortableColumn ? (
        <button
          type="button"
          aria-label={`Sort by ${label}, ${next}`}
          onClick={() => onSort(property)}
          className={`group inline-flex items-center gap-1 rounded uppercase tracking-wide hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 ${active ? 'text-slate-900' : ''}`}
        >
          {label}
          <span aria-hidden className={`text-[10px] ${active ? 'text-indigo-600' : 'text-slate-300 group-hover:text-slate-400'}`}>
            {active ? (sort.order === 'asc' ? '▲' : '▼') : '▲▼'}
          </span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

/** A relation column: the linked entities' titles (identifier when untitled), each a link; three at most. */
function LinkedEntities({ team, targets }: { team: string; targets: RelatedEntity[] }) {
  if (targets.length === 0) return <span className="text-slate-300">—</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-2">
      {targets.slice(0, 3).map((t) => (
        <Link
          key={`${t.blueprint}/${t.identifier}`}
          href={entityHref(team, t.blueprint, t.identifier)}
          title={t.identifier}
          className="truncate text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {t.title ?? t.identifier}
        </Link>
      ))}
      {targets.length > 3 && <span className="text-xs text-slate-500">+{targets.length - 3}</span>}
    </span>
  );
}

/** The checkbox column (only for people who may edit or delete in bulk). */
export type TableSelection = {
  isSelected(identifier: string): boolean;
  pageState: 'all' | 'some' | 'none';
  /** `shift`: Shift was held, so the range from the last row clicked follows. */
  toggle(identifier: string, index: number, shift: boolean): void;
  setPage(on: boolean): void;
};

function PageCheckbox({ selection }: { selection: TableSelection }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selection.pageState === 'some';
  }, [selection.pageState]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select this page"
      className="size-4 accent-indigo-600"
      checked={selection.pageState === 'all'}
      onChange={() => selection.setPage(selection.pageState !== 'all')}
    />
  );
}

type Props = {
  team: string;
  blueprint: string;
  columns: Field[];
  entities: EntityView[] | null;
  skeletonRows: number;
  sort: Sort | null;
  onSort: (property: string) => void;
  busy: boolean;
  /** A last column with each row's "Run an action" menu (the blueprint has day-2 or delete actions the caller may run). */
  rowActions?: boolean;
  selection?: TableSelection;
};

export function EntityResultsTable({
  team,
  blueprint,
  columns,
  entities,
  skeletonRows,
  sort,
  onSort,
  busy,
  rowActions = false,
  selection,
}: Props) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table
        className={`min-w-full divide-y divide-slate-200 text-sm transition-opacity ${busy ? 'opacity-60' : ''}`}
        aria-busy={busy || entities === null || undefined}
      >
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            {selection && (
              <th scope="col" className="w-10 py-2.5 pl-4 pr-0">
                {entities && entities.length > 0 && <PageCheckbox selection={selection} />}
              </th>
            )}
            <SortHeader label="Entity" property="$identifier" sort={sort} onSort={onSort} sortableColumn />
            {columns.map((c) => (
              <SortHeader key={c.key} label={c.label} property={c.key} sort={sort} onSort={onSort} sortableColumn={sortable(c)} />
            ))}
            {rowActions && (
              <th scope="col" className="w-12 px-2 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entities === null
            ? Array.from({ length: skeletonRows }, (_, i) => (
                <tr key={i} className={ROW} aria-hidden>
                  {selection && <td />}
                  <td className="px-4">
                    <div className="h-3 w-40 animate-pulse rounded bg-slate-200" />
                    <div className="mt-2 h-2.5 w-24 animate-pulse rounded bg-slate-100" />
                  </td>
                  {columns.map((c) => (
                    <td key={c.key} className="px-4">
                      <div className="h-3 w-20 animate-pulse rounded bg-slate-100" />
                    </td>
                  ))}
                  {rowActions && <td />}
                </tr>
              ))
            : entities.map((e, index) => {
                const href = `/t/${team}/blueprints/${blueprint}/entities/${encodeURIComponent(e.identifier)}`;
                const selected = selection?.isSelected(e.identifier) ?? false;
                return (
                  <tr key={e.id} data-identifier={e.identifier} className={`${ROW} ${selected ? 'bg-indigo-50' : 'hover:bg-slate-50'}`}>
                    {selection && (
                      <td className="py-0 pl-4 pr-0">
                        {/* onClick, not onChange: the click carries Shift (a range); Space on the box clicks it too. */}
                        <input
                          type="checkbox"
                          aria-label={`Select ${e.identifier}`}
                          className="size-4 accent-indigo-600"
                          checked={selected}
                          onChange={() => undefined}
                          onClick={(event) => selection.toggle(e.identifier, index, event.shiftKey)}
                        />
                      </td>
                    )}
                    <td className="max-w-xs px-4">
                      <Link href={href} className="block rounded focus-visible:outline-2 focus-visible:outline-indigo-500">
                        <span className="block truncate font-medium text-slate-900 hover:text-indigo-700">{e.title ?? e.identifier}</span>
                        <span className="block truncate font-mono text-xs text-slate-500">{e.identifier}</span>
                      </Link>
                    </td>
                    {columns.map((c) => (
                      <td key={c.key} className="max-w-xs truncate px-4 text-slate-700">
                        {c.kind === 'relation' ? (
                          <LinkedEntities team={team} targets={ownValue<RelatedEntity[]>(e.related, c.key) ?? []} />
                        ) : c.kind === 'scorecardLevel' ? (
                          <LevelBadge level={levelOf(e, c)} />
                        ) : (
                          <PropertyValue schema={schemaOf(c)} value={valueAt(e, c.key)} />
                        )}
                      </td>
                    ))}
                    {rowActions && (
                      <td className="px-2">
                        <RowActionMenu team={team} blueprint={blueprint} entity={{ identifier: e.identifier, title: e.title }} />
                      </td>
                    )}
                  </tr>
                );
              })}
        </tbody>
      </table>
    </div>
  );
}
