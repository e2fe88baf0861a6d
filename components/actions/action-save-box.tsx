'use client';

import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { SaveProblem } from '@/components/ui/save-problem';
import { RotateSecretButton } from './signing-secret';

// The editor's save box: the refusal, Save / Cancel, and for a saved action its secret rotation and delete.
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
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      {problem.message && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          <p>{problem.message}</p>
          {problem.stale && (
            <Button variant="secondary" size="sm" className="mt-2" onClick={() => window.location.reload()}>
              Reload
            </Button>
          )}
        </div>
      )}
      <div className="flex items-center gap-2">
        <Button type="button" pending={saving} onClick={onSave}>
          {action ? 'Save changes' : 'Create action'}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {dirty && <p className="text-xs text-slate-500">Unsaved changes.</p>}
      {action && (
        <div className="space-y-3 border-t border-slate-100 pt-3">
          <RotateSecretButton team={team} action={action} />
          <ConfirmButton label="Delete action" confirmLabel="Delete it" size="sm" onConfirm={onDelete} />
        </div>
      )}
    </div>
  );
}
