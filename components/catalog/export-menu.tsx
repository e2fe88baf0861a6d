'use client';

import { Button } from '@/components/ui/button';
import type { Field } from '@/lib/catalog-view/fields';
import { exportHref } from '@/lib/catalog-view/export-href';
import type { ViewState } from '@/lib/catalog-view/view-state';
import { useOutsideClose } from './use-outside-close';

// The catalog table's "Export" control: CSV (the shown columns) or JSON of the current view (its
// filters and search text), as plain download links to GET .../export: the server streams the
// file, the page assembles nothing. A popover like the views menu: Escape or a click outside
// closes it.

type Props = { team: string; blueprint: string; view: ViewState; columns: Field[] };

export function ExportMenu({ team, blueprint, view, columns }: Props) {
  const { open, setOpen, root } = useOutsideClose<HTMLDivElement>();
  const link = 'block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50';
  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        setOpen(false);
        root.current?.querySelector('button')?.focus();
      }}
    >
      <Button variant="secondary" aria-expanded={open} aria-controls="catalog-export" onClick={() => setOpen((o) => !o)}>
        Export
      </Button>
      {open && (
        <div
          id="catalog-export"
          role="group"
          aria-label="Export this view"
          className="absolute left-0 z-30 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-2 shadow-lg"
        >
          <a className={link} href={exportHref(team, blueprint, 'csv', view, columns)} download onClick={() => setOpen(false)}>
            CSV (shown columns)
          </a>
          <a className={link} href={exportHref(team, blueprint, 'json', view, columns)} download onClick={() => setOpen(false)}>
            JSON (every property and relation)
          </a>
          <p className="px-2 pt-1 text-xs text-slate-600">Every entity that matches the filters, not just this page.</p>
        </div>
      )}
    </div>
  );
}
