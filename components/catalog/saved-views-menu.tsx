'use client';

import Link from 'next/link';
import { useOutsideClose } from './use-outside-close';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';

// The "Views" control of the catalog table: the blueprint's views (shared, then the person's
// own) as links that open them, rename and delete where the person may, and beside it Save /
// Save as new when the table differs from the open view. A popover like the column picker:
// Escape or a click outside closes it; every action is a real button or link.

type Props = {
  views: SavedViewView[] | undefined;
  loading: boolean;
  current: SavedViewView | null;
  modified: boolean;
  mayEdit: (view: SavedViewView) => boolean;
  hrefOf: (identifier: string | null) => string;
  onSave: () => void;
  onSaveAsNew: () => void;
  onRename: (view: SavedViewView) => void;
  onDelete: (view: SavedViewView) => Promise<unknown>;
};

function ViewItem({
  view,
  current,
  editable,
  href,
  onRename,
  onDelete,
}: {
  view: SavedViewView;
  current: boolean;
  editable: boolean;
  href: string;
  onRename: () => void;
  onDelete: () => Promise<unknown>;
}) {
  return (
    <li className="flex items-center gap-1 rounded-md px-2 py-1 hover:bg-slate-50">
      <Link
        href={href}
        aria-current={current ? 'true' : undefined}
        className="min-w-0 flex-1 truncate text-sm text-slate-700 aria-[current=true]:font-semibold aria-[current=true]:text-indigo-700"
      >
        {view.title}
        {view.default && <span className="ml-1.5 text-xs font-normal text-slate-600">(default)</span>}
      </Link>
      {editable && (
        <>
          <Button variant="ghost" size="sm" aria-label={`Rename ${view.title}`} onClick={onRename}>
            Rename
          </Button>
          <ConfirmButton size="sm" label="Delete" ariaLabel={`Delete ${view.title}`} confirmLabel="Delete it" onConfirm={onDelete} />
        </>
      )}
    </li>
  );
}

export function SavedViewsMenu({ views, loading, current, modified, mayEdit, hrefOf, onSave, onSaveAsNew, onRename, onDelete }: Props) {
  const { open, setOpen, root } = useOutsideClose<HTMLDivElement>();

  const shared = views?.filter((v) => v.shared) ?? [];
  const mine = views?.filter((v) => !v.shared) ?? [];
  const section = (label: string, list: SavedViewView[]) =>
    list.length > 0 && (
      <>
        <p className="px-2 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
        <ul>
          {list.map((v) => (
            <ViewItem
              key={v.identifier}
              view={v}
              current={current?.identifier === v.identifier}
              editable={mayEdit(v)}
              href={hrefOf(v.identifier)}
              onRename={() => {
                setOpen(false);
                onRename(v);
              }}
              onDelete={() => onDelete(v)}
            />
          ))}
        </ul>
      </>
    );

  return (
    <div className="flex items-center gap-2" data-saved-views>
      <div
        ref={root}
        className="relative"
        onKeyDown={(e) => {
          // Escape closes the menu and gives focus back to its button.
          if (e.key !== 'Escape' || !open) return;
          setOpen(false);
          root.current?.querySelector('button')?.focus();
        }}
      >
        <Button variant="secondary" aria-expanded={open} aria-controls="saved-views" onClick={() => setOpen((o) => !o)}>
          {current ? `View: ${current.title}` : 'Views'}
          {current && modified && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Modified</span>}
        </Button>
        {open && (
          <div
            id="saved-views"
            role="group"
            aria-label="Saved views"
            className="absolute left-0 z-30 mt-2 max-h-[28rem] w-80 overflow-y-auto rounded-xl border border-slate-200 bg-white p-2 shadow-lg"
          >
            <Link href={hrefOf(null)} className="block rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-50">
              All entities (no view)
            </Link>
            {loading && <p className="px-2 py-2 text-sm text-slate-600">Loading views…</p>}
            {section('Shared with the team', shared)}
            {section('My views', mine)}
            {!loading && views?.length === 0 && (
              <p className="px-2 py-2 text-sm text-slate-600">No saved views yet: set up the table, then Save view.</p>
            )}
          </div>
        )}
      </div>
      {current && modified && mayEdit(current) && (
        <Button variant="primary" onClick={onSave}>
          Save
        </Button>
      )}
      {(!current || modified) && (
        <Button variant="secondary" onClick={onSaveAsNew}>
          {current ? 'Save as new' : 'Save view'}
        </Button>
      )}
    </div>
  );
}
