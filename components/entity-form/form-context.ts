// The entity form's shared state, as seen by each generated control (read, write, touch, errors).

'use client';

import { createContext, useContext } from 'react';
import type { FieldNode } from '@/lib/forms/schema-to-fields';

export type FormApi = {
  /** A DOM id for the control at `pointer` (unique per form instance). */
  idFor(pointer: string): string;
  get(pointer: string): unknown;
  set(pointer: string, value: unknown): void;
  /** Marks a field as visited, so its client-side error starts to show. */
  touch(pointer: string): void;
  /** The error to show now; `deep` also looks at errors under the pointer (tags, JSON). */
  errorFor(pointer: string, deep?: boolean): string | undefined;
  /** An error only the browser knows about (unparsable JSON), which also blocks submitting. */
  setLocalError(pointer: string, message: string | undefined): void;
};

export const FormContext = createContext<FormApi | null>(null);

export function useFormApi(): FormApi {
  const api = useContext(FormContext);
  if (!api) throw new Error('Entity form controls must be rendered inside <EntityForm>');
  return api;
}

/** What every leaf control receives from the field dispatcher. */
export type ControlProps = {
  field: FieldNode;
  id: string;
  pointer: string;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  invalid: boolean;
  describedBy?: string;
};
