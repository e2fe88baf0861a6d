'use client';

import { useRouter } from 'next/navigation';
import { EntityForm } from '@/components/entity-form/entity-form';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { runHref } from './action-paths';
import type { ActionView } from './action-view';
import { requestRun } from './run-request';

// The generated input form of one action (its user_inputs, rendered by the entity form), in a
// dialog; submitting asks for the run and opens its page.
export function RunActionDialog({
  team,
  action,
  entity,
  onClose,
}: {
  team: string;
  action: ActionView;
  entity: { identifier: string; title: string | null } | null;
  onClose(): void;
}) {
  const router = useRouter();
  return (
    <Modal title={`${action.icon ? `${action.icon} ` : ''}${action.title}`} onClose={onClose}>
      {action.description && <p className="text-sm text-slate-600">{action.description}</p>}
      {entity && (
        <p className="text-sm text-slate-600">
          On <span className="font-mono text-xs">{entity.title ?? entity.identifier}</span>
        </p>
      )}
      {action.approval?.required && <p className="text-sm text-amber-800">Someone must approve this run before it starts.</p>}
      <EntityForm
        schema={action.user_inputs}
        mode="inputs"
        team={team}
        submitLabel="Run"
        secondaryAction={
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        }
        onSubmit={async (values) => {
          const result = await requestRun(team, action.identifier, entity?.identifier ?? null, values.data);
          if ('run' in result) {
            router.push(runHref(team, result.run.id));
            return;
          }
          return result;
        }}
      />
    </Modal>
  );
}
