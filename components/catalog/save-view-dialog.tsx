'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { VIEW_LIMITS, viewIdentifierOf } from '@/lib/domain/saved-views';
import { ApiError } from '@/lib/web/api-client';

// Saving the table's state as a view (name, link identifier, shared, default), or renaming one.
// The server's verdict shows inline beside the field it names (422 paths, 409 for a taken
// identifier); anything else above the buttons.

export type ViewDialogValues = { title: string; identifier: string; shared: boolean; default: boolean };

type Props = {
  mode: 'create' | 'rename';
  initial?: Partial<ViewDialogValues>;
  canShare: boolean;
  onSubmit: (values: ViewDialogValues) => Promise<unknown>;
  onClose: () => void;
};

function errorsOf(error: unknown): { fields: Record<string, string>; message: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, message: error ? 'The view could not be saved. Try again.' : null };
  if (error.reason === 'already_exists') return { fields: { '/identifier': 'This link name is taken: choose another.' }, message: null };
  const fields = error.fieldErrors();
  return { fields, message: Object.keys(fields).length ? null : error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.' };
}

export function SaveViewDialog({ mode, initial = {}, canShare, onSubmit, onClose }: Props) {
  const [title, setTitle] = useState(initial.title ?? '');
  const [identifier, setIdentifier] = useState(initial.identifier ?? '');
  const [edited, setEdited] = useState(false);
  const [shared, setShared] = useState(initial.shared ?? false);
  const [isDefault, setDefault] = useState(initial.default ?? false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = edited ? identifier : viewIdentifierOf(title);
  const { fields, message } = errorsOf(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onSubmit({ title: title.trim(), identifier: id, shared, default: shared && isDefault });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal title={mode === 'create' ? 'Save view' : 'Rename view'} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field
          label="Name"
          name="view-title"
          value={title}
          autoFocus
          required
          maxLength={VIEW_LIMITS.titleLength}
          onChange={(e) => setTitle(e.target.value)}
          error={fields['/title']}
        />
        {mode === 'create' && (
          <Field
            label="Link name"
            name="view-identifier"
            value={id}
            onChange={(e) => {
              setEdited(true);
              setIdentifier(e.target.value);
            }}
            hint={id ? `Opens with ?view=${id}` : 'Lower-case letters, digits, - and _, starting with a letter.'}
            error={fields['/identifier']}
          />
        )}
        {mode === 'create' && canShare && (
          <fieldset className="space-y-2">
            <legend className="sr-only">Who sees it</legend>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={shared}
                onChange={(e) => setShared(e.target.checked)}
                className="h-4 w-4 rounded border-slate-300"
              />
              Share with the team
            </label>
            <label className={`flex items-center gap-2 text-sm ${shared ? 'text-slate-700' : 'text-slate-500'}`}>
              <input
                type="checkbox"
                checked={shared && isDefault}
                disabled={!shared}
                onChange={(e) => setDefault(e.target.checked)}
                className="h-4 w-4 rounded border-slate-300"
              />
              Open it by default for this blueprint
            </label>
            {(fields['/shared'] || fields['/default']) && (
              <p role="alert" className="text-xs font-medium text-red-600">
                {fields['/shared'] ?? fields['/default']}
              </p>
            )}
          </fieldset>
        )}
        {mode === 'create' && !canShare && <p className="text-sm text-slate-600">Only you will see this view.</p>}
        {message && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={pending} disabled={!title.trim() || (mode === 'create' && !id)}>
            {mode === 'create' ? 'Save view' : 'Rename'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
