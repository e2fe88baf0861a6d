'use client';

import type { ActionView } from './action-view';

// The items of an action menu (the entity page's "Run action", a catalog row's ⚡): one menuitem
// per action, its icon and title; choosing one hands it to `onChoose`.
export function ActionMenuItems({ actions, onChoose }: { actions: ActionView[]; onChoose: (action: ActionView) => void }) {
  return actions.map((a) => (
    <li key={a.identifier} role="none">
      <button
        type="button"
        role="menuitem"
        onClick={() => onChoose(a)}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
      >
        <span aria-hidden>{a.icon ?? '⚡'}</span>
        <span className="truncate">{a.title}</span>
      </button>
    </li>
  ));
}
