'use client';

import { useState } from 'react';
import { useOutsideClose } from '@/components/catalog/use-outside-close';
import { buttonClass } from '@/components/ui/button';
import type { ActionView } from './action-view';
import { ActionMenuItems } from './action-menu-items';
import { RunActionDialog } from './run-action-dialog';
import { useOfferedActions } from './use-action-data';

// "Run action" on an entity page: the actions offered on this entity (the server checks trigger
// and condition), each opening its input form. Nothing at all when none is offered.
export function RunActionMenu({
  team,
  blueprint,
  entity,
}: {
  team: string;
  blueprint: string;
  entity: { identifier: string; title: string | null };
}) {
  const offered = useOfferedActions(team, blueprint, entity.identifier);
  const { open, setOpen, root } = useOutsideClose<HTMLDivElement>();
  const [chosen, setChosen] = useState<ActionView | null>(null);
  const actions = offered.data?.actions ?? [];
  if (actions.length === 0) return null;
  return (
    <div ref={root} className="relative">
      <button type="button" aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen(!open)} className={buttonClass('secondary')}>
        <span aria-hidden>⚡</span> Run action <span aria-hidden>▾</span>
      </button>
      {open && (
        <ul
          role="menu"
          aria-label="Actions"
          className="absolute right-0 z-20 mt-1 w-64 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
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
