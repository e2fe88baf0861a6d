'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { PAGE_SIZE } from '@/lib/catalog-view/search-body';
import type { ViewState } from '@/lib/catalog-view/view-state';
import type { PageSize } from '@/lib/domain/saved-views';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';
import { SaveViewDialog, type ViewDialogValues } from './save-view-dialog';
import { differsFromSaved, savedPartOf } from './saved-view-state';
import { SavedViewsMenu } from './saved-views-menu';
import { useSavedViews, useSavedViewWrite } from './use-saved-views';

// Saved views on the catalog table (issue 15): the Views menu, Save / Save as new / rename /
// delete, "Modified" when the table differs from the open view. Which view a URL opens (and the
// team default on the plain URL) is decided in catalog-table.tsx with viewToOpen.

type Props = {
  team: string;
  blueprint: string;
  view: ViewState;
  setView: (next: ViewState) => void;
  /** The columns the person chose (URL or remembered); null: the defaults. */
  chosenColumns: string[] | null;
  canShare: boolean;
  userId: string | null;
};

type Dialog = { mode: 'create' } | { mode: 'rename'; view: SavedViewView } | null;

export function CatalogViews({ team, blueprint, view, setView, chosenColumns, canShare, userId }: Props) {
  const pathname = usePathname();
  const { data, isLoading, error } = useSavedViews(team, blueprint);
  const write = useSavedViewWrite(team, blueprint);
  const [dialog, setDialog] = useState<Dialog>(null);
  const views = data?.views;
  const current = view.savedView ? (views?.find((v) => v.identifier === view.savedView) ?? null) : null;
  const part = savedPartOf(view, chosenColumns);
  const modified = !!current && differsFromSaved(current, part);
  const missing = !!view.savedView && !!views && !current;

  const mayEdit = (v: SavedViewView) => (v.shared ? canShare : v.owner_id === userId);
  const hrefOf = (identifier: string | null) => `${pathname}?view=${identifier ?? ''}`;
  const create = async (values: ViewDialogValues) => {
    await write.mutateAsync({ kind: 'create', body: { ...values, ...part } });
    setView({ ...view, savedView: values.identifier, pageSize: view.pageSize ?? (PAGE_SIZE as PageSize) });
  };

  return (
    <>
      <SavedViewsMenu
        views={views}
        loading={isLoading}
        current={current}
        modified={modified}
        mayEdit={mayEdit}
        hrefOf={hrefOf}
        onSave={() => current && write.mutate({ kind: 'update', identifier: current.identifier, patch: part })}
        onSaveAsNew={() => setDialog({ mode: 'create' })}
        onRename={(v) => setDialog({ mode: 'rename', view: v })}
        onDelete={async (v) => {
          await write.mutateAsync({ kind: 'delete', identifier: v.identifier });
          if (v.identifier === view.savedView) setView({ ...view, savedView: '' });
        }}
      />
      {(missing || error || (write.error && !dialog)) && (
        <p role="alert" className="basis-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {missing ? (
            <>
              There is no view &ldquo;{view.savedView}&rdquo; here: it was deleted, or it is someone else&rsquo;s private view.{' '}
              <Link href={hrefOf(null)} className="font-medium underline">
                Show all entities
              </Link>
            </>
          ) : error ? (
            'The saved views could not be loaded. Reload the page to try again.'
          ) : (
            `The view could not be saved: ${write.error?.message}.`
          )}
        </p>
      )}
      {dialog && (
        <SaveViewDialog
          mode={dialog.mode}
          initial={dialog.mode === 'rename' ? { title: dialog.view.title } : {}}
          canShare={canShare}
          onClose={() => {
            setDialog(null);
            write.reset();
          }}
          onSubmit={(values) =>
            dialog.mode === 'create'
              ? create(values)
              : write.mutateAsync({ kind: 'update', identifier: dialog.view.identifier, patch: { title: values.title } })
          }
        />
      )}
    </>
  );
}
