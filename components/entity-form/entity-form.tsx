// A create/edit form for one entity, generated from its blueprint's JSON Schema and checked by ajv.

'use client';

import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { pointerCovers } from '@/lib/forms/json-pointer';
import { schemaToFields } from '@/lib/forms/schema-to-fields';
import type { FieldErrors } from '@/lib/forms/validate-entity-data';
import { TextControl } from './controls/text-control';
import { describedByFor, LabelShell } from './field-shell';
import { FormContext, type ControlProps } from './form-context';
import { FormTeamContext } from './controls/entity-input-control';
import { RelationFields } from './relation-fields';
import { SchemaField } from './schema-field';
import type { RelationField } from '@/lib/forms/relation-fields';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import { useEntityFormState, type EntityFormInitial, type EntityFormValues } from './use-entity-form-state';
import { suggestIdentifier } from '@/lib/entities/suggest-identifier';

export type { EntityFormInitial, EntityFormValues };
export type EntityFormResult = void | { fieldErrors?: Record<string, string>; message?: string };

export type EntityFormProps = {
  /** The blueprint's JSON Schema; keep the object stable (the compiled validator is cached on it). */
  schema: object;
  initial?: EntityFormInitial;
  /** `inputs`: the schema's fields alone (an action's user inputs), without identifier and title. */
  mode: 'create' | 'edit' | 'inputs';
  /** Saves; may return server errors keyed by pointer (`/identifier`, `/title`, `/data/...`). */
  onSubmit(values: EntityFormValues): Promise<EntityFormResult>;
  submitLabel?: string;
  /** Rendered beside the submit button (e.g. a Cancel link). */
  secondaryAction?: ReactNode;
  /** The blueprint's relations, each with a picker (absent: no pickers, and no `relations` sent). */
  relations?: { team: string; fields: RelationField[]; titles?: Record<string, Record<string, string | null>> };
  /** The team whose entities entity inputs (format "entity") pick from. */
  team?: string;
};

/** The first control (in DOM order) that shows one of these errors. */
function firstInvalid(form: HTMLFormElement, pointers: string[]): HTMLElement | null {
  for (const el of Array.from(form.querySelectorAll<HTMLElement>('[data-pointer]'))) {
    if (pointers.some((k) => pointerCovers(k, el.dataset.pointer!))) return el;
  }
  return null;
}

/** Errors no rendered control can show (a property the schema forbids, a broken schema). */
function unplaced(form: HTMLFormElement, errors: FieldErrors): string[] {
  const shown = Array.from(form.querySelectorAll<HTMLElement>('[data-pointer]')).map((el) => el.dataset.pointer!);
  return Object.entries(errors)
    .filter(([k]) => !shown.some((p) => pointerCovers(k, p)))
    .map(([k, m]) => `${k.replace(/^\/data/, '') || 'data'}: ${m}`);
}

type Notice = { kind: 'client' } | { kind: 'server' } | { kind: 'text'; text: string; fields: boolean };

/** The notice's words for the errors as they are now (null once nothing is left to say). */
function describeNotice(
  notice: Notice | null,
  clientErrors: FieldErrors,
  serverErrors: FieldErrors,
  form: HTMLFormElement | null,
): { text: string; details: string[] } | null {
  if (!notice) return null;
  const details = (errors: FieldErrors) => (form ? unplaced(form, errors) : []);
  if (notice.kind === 'client') {
    const count = Object.keys(clientErrors).length;
    if (count === 0) return null;
    return {
      text: `Fix ${count === 1 ? 'the highlighted field' : `the ${count} highlighted problems`} before saving.`,
      details: details(clientErrors),
    };
  }
  if (notice.kind === 'server') {
    return Object.keys(serverErrors).length === 0 ? null : { text: 'The server refused some values.', details: details(serverErrors) };
  }
  return { text: notice.text, details: notice.fields ? details(serverErrors) : [] };
}

export function EntityForm({ schema, initial, mode, onSubmit, submitLabel, secondaryAction, relations, team }: EntityFormProps) {
  const fields = useMemo(() => schemaToFields(schema), [schema]);
  const state = useEntityFormState(schema, initial, mode, relations?.fields);
  const { api, values } = state;
  const [pending, setPending] = useState(false);
  // Leaving with edits asks first (a run's inputs are a dialog of their own: not guarded here).
  const [shown] = useState(() => JSON.stringify(values));
  const [saved, setSaved] = useState(false);
  useUnsavedGuard(mode !== 'inputs' && !saved && JSON.stringify(values) !== shown, mode === 'create' ? 'this new entity' : 'this entity');
  // What the form says above its buttons. A refusal about fields follows the fields as they change
  // (the count of problems, gone once they are fixed), never a snapshot of the moment of submitting.
  const [notice, setNotice] = useState<Notice | null>(null);
  const [formEl, setFormEl] = useState<HTMLFormElement | null>(null);
  const [identifierTyped, setIdentifierTyped] = useState(Boolean(values.identifier));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    state.setSubmitted(true);
    const pointers = Object.keys(state.clientErrors);
    if (pointers.length > 0) {
      // Not sent: the server would refuse it. Take the user to the first problem instead.
      firstInvalid(form, pointers)?.focus();
      setNotice({ kind: 'client' });
      return;
    }
    setPending(true);
    setNotice(null);
    try {
      const result = await onSubmit(state.submission());
      const fieldErrors = result?.fieldErrors ?? {};
      if (!result?.message && Object.keys(fieldErrors).length === 0) setSaved(true);
      if (Object.keys(fieldErrors).length > 0) {
        state.setServerErrors(fieldErrors);
        firstInvalid(form, Object.keys(fieldErrors))?.focus();
      }
      if (result?.message) setNotice({ kind: 'text', text: result.message, fields: Object.keys(fieldErrors).length > 0 });
      else if (Object.keys(fieldErrors).length > 0) setNotice({ kind: 'server' });
    } catch (e) {
      setNotice({ kind: 'text', text: e instanceof Error ? e.message : 'Could not save. Try again.', fields: false });
    } finally {
      setPending(false);
    }
  }

  const message = describeNotice(notice, state.clientErrors, state.serverErrors, formEl);

  // Identifier and title live beside `data` in the form state, at /identifier and /title.
  const metaField = (name: 'identifier' | 'title', label: string, help: string, required: boolean) => {
    const pointer = `/${name}`;
    const id = api.idFor(pointer);
    const error = api.errorFor(pointer);
    const props: ControlProps = {
      field: { name, path: pointer, label, required, control: 'text', schema: {} },
      id,
      pointer,
      value: values[name],
      onChange: (v) => {
        api.set(pointer, v ?? '');
        if (name === 'identifier') setIdentifierTyped(true);
        // A new entity's identifier follows its title until the person types one of their own.
        if (name === 'title' && mode === 'create' && !identifierTyped) api.set('/identifier', suggestIdentifier(String(v ?? '')));
      },
      onBlur: () => api.touch(pointer),
      invalid: Boolean(error),
      describedBy: describedByFor(id, help, error),
    };
    return { props, help, error };
  };
  const meta =
    mode === 'inputs'
      ? []
      : [
          metaField(
            'identifier',
            'Identifier',
            mode === 'edit' ? 'The identifier cannot be changed.' : 'Unique within the blueprint: letters, digits and . _ : @ / + -',
            mode === 'create',
          ),
          metaField('title', 'Title', 'A human-readable name; the identifier is shown when empty.', false),
        ];

  return (
    <FormContext.Provider value={api}>
      <FormTeamContext.Provider value={team ?? relations?.team ?? null}>
        <form ref={setFormEl} noValidate onSubmit={handleSubmit} className="max-w-2xl space-y-6">
          {meta.length > 0 && (
            <div className="grid gap-4 sm:grid-cols-2">
              {meta.map(({ props, help, error }) => (
                <LabelShell
                  key={props.pointer}
                  id={props.id}
                  label={props.field.label}
                  required={props.field.required}
                  help={help}
                  error={error}
                >
                  <TextControl {...props} readOnly={mode === 'edit' && props.pointer === '/identifier'} />
                </LabelShell>
              ))}
            </div>
          )}
          <div className="space-y-5">
            {fields.map((field) => (
              <SchemaField key={field.path} field={field} prefix="/data" />
            ))}
          </div>
          {relations && <RelationFields team={relations.team} fields={relations.fields} titles={relations.titles} />}
          {message && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              <p className="font-medium">{message.text}</p>
              {message.details && message.details.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-xs">
                  {message.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="flex items-center gap-3">
            <Button type="submit" pending={pending}>
              {submitLabel ?? (mode === 'create' ? 'Create entity' : mode === 'inputs' ? 'Run' : 'Save changes')}
            </Button>
            {secondaryAction}
          </div>
        </form>
      </FormTeamContext.Provider>
    </FormContext.Provider>
  );
}
