'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import type { SaveProblem } from './save-problem';

// The save box of the editors (actions, scorecards, integrations): the refusal (with Reload when
// the resource changed since it was opened), Save / Cancel, "Unsaved changes", and below a rule
// what the editor adds for a saved resource (delete, a secret's rotation).
export function EditorSaveBox({
  problem,
  saving,
  dirty,
  saveLabel,
  onSave,
  onCancel,
  children,
}: {
  problem: SaveProblem;
  saving: boolean;
  dirty: boolean;
  saveLabel: string;
  onSave(): void;
  onCancel(): void;
  children?: ReactNode;
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
          {saveLabel}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {dirty && <p className="text-xs text-slate-500">Unsaved changes.</p>}
      {children && <div className="space-y-3 border-t border-slate-100 pt-3">{children}</div>}
    </div>
  );
}
