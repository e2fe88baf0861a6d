'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Field } from '@/lib/catalog-view/fields';
import type { SearchBody } from '@/lib/catalog-view/search-body';
import { BulkEditDialog, type BulkKind, type BulkRelation } from './bulk-edit-dialog';
import { collectMatching, MAX_BULK_SELECTION, tooMany, type BulkProgress } from './run-bulk-edit';
import type { RowSelection } from './use-row-selection';

// The bar over the catalog table while rows are selected: how many, "Select all N matching" once
// the whole page is, and the bulk edits the person may make (Set property and Set relation target
// with entity:write, Delete with entity:delete). Each opens BulkEditDialog.

type Props = {
  team: string;
  blueprint: string;
  selection: RowSelection;
  /** The page shown is selected whole. */
  pageSelected: boolean;
  /** The query's total (search route's `total`) and whether it is exact. */
  total: number;
  totalExact: boolean;
  /** The view's search body (its cursor is ignored: "all matching" starts from the first page). */
  body: SearchBody;
  fields: Field[];
  relations: BulkRelation[];
  canWrite: boolean;
  canDelete: boolean;
};

export function BulkToolbar({
  team,
  blueprint,
  selection,
  pageSelected,
  total,
  totalExact,
  body,
  fields,
  relations,
  canWrite,
  canDelete,
}: Props) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<BulkKind | null>(null);
  const count = selection.allMatching ? total : selection.picked.size;
  if (count === 0 && !selection.allMatching) return null;
  const tooLarge = selection.allMatching && total > MAX_BULK_SELECTION;
  const n = (x: number) => x.toLocaleString('en-US');

  const resolve = (onProgress: (p: BulkProgress) => void) =>
    selection.allMatching
      ? collectMatching(team, blueprint, { ...body, cursor: null }, total, onProgress)
      : Promise.resolve([...selection.picked]);

  const close = (changed: boolean) => {
    setOpen(null);
    if (!changed) return;
    selection.clear();
    void queryClient.invalidateQueries({ queryKey: ['team', team, 'blueprints', blueprint] });
  };

  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2"
    >
      <p className="text-sm font-medium text-slate-900" aria-live="polite" data-testid="bulk-count">
        {selection.allMatching ? `All ${n(total)}${totalExact ? '' : '+'} matching selected` : `${n(count)} selected`}
      </p>
      {pageSelected && !selection.allMatching && total > selection.picked.size && (
        <Button variant="ghost" size="sm" className="text-indigo-800 underline" onClick={selection.selectAllMatching}>
          Select all {n(total)}
          {totalExact ? '' : '+'} matching
        </Button>
      )}
      {tooLarge && <p className="text-sm text-red-700">{tooMany(total)}</p>}
      <div className="ml-auto flex flex-wrap gap-2">
        {canWrite && fields.length > 0 && (
          <Button variant="secondary" size="sm" disabled={tooLarge} onClick={() => setOpen('property')}>
            Set property
          </Button>
        )}
        {canWrite && relations.length > 0 && (
          <Button variant="secondary" size="sm" disabled={tooLarge} onClick={() => setOpen('relation')}>
            Set relation target
          </Button>
        )}
        {canDelete && (
          <Button variant="danger" size="sm" disabled={tooLarge} onClick={() => setOpen('delete')}>
            Delete
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={selection.clear}>
          Clear selection
        </Button>
      </div>
      {open && (
        <BulkEditDialog
          team={team}
          blueprint={blueprint}
          kind={open}
          count={count}
          fields={fields}
          relations={relations}
          resolve={resolve}
          onClose={close}
        />
      )}
    </div>
  );
}
