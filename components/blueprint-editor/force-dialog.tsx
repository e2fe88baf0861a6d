'use client';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';

// A schema change that existing entities would fail: how many, a sample with what fails, and the
// choice to apply it anyway (those entities stay as they are and fail validation on their next
// write) or to go back and change the schema.

export type Failing = {
  failing_count: number;
  failing_count_is_lower_bound: boolean;
  sample: Array<{ identifier: string; errors: Array<{ path: string; message: string }> }>;
};

/** `alsoRemoves`: relation changes of the same save that cost links (forcing applies them too). */
export function ForceDialog({
  failing,
  alsoRemoves = [],
  pending,
  onCancel,
  onForce,
}: {
  failing: Failing;
  alsoRemoves?: string[];
  pending: boolean;
  onCancel(): void;
  onForce(): void;
}) {
  const count = `${failing.failing_count.toLocaleString('en-US')}${failing.failing_count_is_lower_bound ? '+' : ''}`;
  return (
    <Modal title={`${count} existing ${failing.failing_count === 1 ? 'entity fails' : 'entities fail'} the new schema`} onClose={onCancel}>
      <p className="text-sm text-slate-600">
        Applying it anyway keeps those entities as they are; each will have to be fixed before its next save. A sample:
      </p>
      <ul
        className="max-h-64 space-y-2 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
        aria-label="Failing entities"
      >
        {failing.sample.map((s) => (
          <li key={s.identifier}>
            <span className="font-mono text-slate-900">{s.identifier}</span>
            <ul className="ml-4 list-disc text-xs text-red-700">
              {s.errors.slice(0, 3).map((e) => (
                <li key={e.path + e.message}>
                  {e.path.replace(/^\/data/, '') || '(data)'}: {e.message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {alsoRemoves.length > 0 && (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Applying it also applies these relation changes:</p>
          <ul className="list-disc pl-5 text-xs">
            {alsoRemoves.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" autoFocus onClick={onCancel}>
          Back to the editor
        </Button>
        <Button type="button" variant="danger" pending={pending} onClick={onForce}>
          Apply anyway
        </Button>
      </div>
    </Modal>
  );
}
