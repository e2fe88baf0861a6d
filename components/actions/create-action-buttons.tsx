'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { ActionView } from './action-view';
import { RunActionDialog } from './run-action-dialog';
import { useCreateActions } from './use-action-data';

// On a blueprint's catalog page, beside "New entity": the "create" actions the server offers
// there (enabled ones), each opening its input form (a create action has no entity).
export function CreateActionButtons({ team, blueprint }: { team: string; blueprint: string }) {
  const list = useCreateActions(team, blueprint);
  const [chosen, setChosen] = useState<ActionView | null>(null);
  const actions = list.data?.actions ?? [];
  if (actions.length === 0) return null;
  return (
    <>
      {actions.map((a) => (
        <button key={a.identifier} type="button" onClick={() => setChosen(a)} className={`${buttonClass('secondary')} shrink-0`}>
          <span aria-hidden>{a.icon ?? '⚡'}</span> {a.title}
        </button>
      ))}
      {chosen && <RunActionDialog team={team} action={chosen} entity={null} onClose={() => setChosen(null)} />}
    </>
  );
}
