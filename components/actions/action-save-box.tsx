'use client';

import { ConfirmButton } from '@/components/ui/confirm-button';
import { EditorSaveBox } from '@/components/ui/editor-save-box';
import type { SaveProblem } from '@/components/ui/save-problem';
import { RotateSecretButton } from './signing-secret';

// The action editor's save box: for a saved action, its secret rotation and delete too.
export function ActionSaveBox({
  team,
  action,
  problem,
  saving,
  dirty,
  onSave,
  onCancel,
  onDelete,
}: {
  team: string;
  action: string | null;
  problem: SaveProblem;
  saving: boolean;
  dirty: boolean;
  onSave(): void;
  onCancel(): void;
  onDelete(): Promise<void>;
}) {
  return (
    <EditorSaveBox
      problem={problem}
      saving={saving}
      dirty={dirty}
      saveLabel={action ? 'Save changes' : 'Create action'}
      onSave={onSave}
      onCancel={onCancel}
    >
      {action && (
        <>
          <RotateSecretButton team={team} action={action} />
          <ConfirmButton label="Delete action" confirmLabel="Delete it" size="sm" onConfirm={onDelete} />
        </>
      )}
    </EditorSaveBox>
  );
}
