'use client';

import { useEffect, useState } from 'react';
import { useOutsideClose } from '@/components/catalog/use-outside-close';
import type { ActionView } from './action-view';
import { ActionMenuItems } from './action-menu-items';
import { RunActionDialog } from './run-action-dialog';
import { useOfferedActions } from './use-action-data';

// "Run an action" on one row of the catalog table: a small button whose menu lists the actions
// offered on that entity (the server checks trigger and condition). The offered actions are asked
// only when the menu opens, so a page of 50 rows costs no request until someone wants one. The
// menu is placed fixed under its button (the table scrolls sideways and would clip it), and
// closes when the page scrolls or resizes rather than drift away from its row.
export function RowActionMenu({
  team,
  blueprint,
  entity,
}: {
  team: string;
  blueprint: string;
  entity: { identifier: string; title: string | null };
}) {
  const { open, setOpen, root } = useOutsideClose<HTMLDivElement>();
  const offered = useOfferedActions(team, blueprint, entity.identifier, open);
  const [chosen, setChosen] = useState<ActionView | null>(null);
  const [place, setPlace] = useState<{ top: number; right: number } | null>(null);
  const actions = offered.data?.actions ?? [];
  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, [open, setOpen]);
  return (
    <div ref={root} className="relative flex justify-end">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="menu"
        aria-label={`Run an action on ${entity.title ?? entity.identifier}`}
        title="Run an action"
        onClick={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          setPlace({ top: rect.bottom + 4, right: window.innerWidth - rect.right });
          setOpen(!open);
        }}
        className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        <span aria-hidden>⚡</span>
      </button>
      {open && place && (
        <ul
          role="menu"
          aria-label={`Actions on ${entity.identifier}`}
          style={{ top: place.top, right: place.right }}
          className="fixed z-30 w-64 rounded-lg border border-slate-200 bg-white py-1 text-left shadow-lg"
        >
          {offered.isPending && <li className="px-3 py-2 text-sm text-slate-500">Loading actions…</li>}
          {offered.isError && <li className="px-3 py-2 text-sm text-red-700">The actions could not be loaded.</li>}
          {offered.isSuccess && actions.length === 0 && (
            <li className="px-3 py-2 text-sm text-slate-500">No action applies to this entity.</li>
          )}
          <ActionMenuItems
            actions={actions}
            onChoose={(a) => {
              setChosen(a);
              setOpen(false);
            }}
          />
        </ul>
      )}
      {chosen && <RunActionDialog team={team} action={chosen} entity={entity} onClose={() => setChosen(null)} />}
    </div>
  );
}
