// The entity form's state: values, touched fields, client (ajv) errors, server errors, and the FormApi.

'use client';

import { useCallback, useId, useMemo, useState } from 'react';
import { ownValue } from '@/lib/domain/own-keys';
import { getAt, setAt } from '@/lib/forms/json-pointer';
import { defaultsFor } from '@/lib/forms/schema-to-fields';
import { validateEntityData, type FieldErrors } from '@/lib/forms/validate-entity-data';
import { identifierError } from '@/lib/forms/validate-identifier';
import type { RelationField } from '@/lib/forms/relation-fields';
import { singleTarget } from '@/lib/relations/relation-types';
import type { FormApi } from './form-context';

export type EntityFormValues = {
  identifier: string;
  title?: string;
  data: Record<string, unknown>;
  relations?: Record<string, string | string[]>;
};
export type EntityFormInitial = {
  identifier?: string;
  title?: string | null;
  data?: Record<string, unknown> | null;
  relations?: Record<string, unknown> | null;
};

/** The links as the form holds them: identifiers by relation, always a list. */
function linkLists(relations: Record<string, unknown> | null | undefined): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [id, v] of Object.entries(relations ?? {}))
    lists[id] = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return lists;
}

/** The error at `pointer`, or with `deep` the first one below it. */
function lookup(errors: FieldErrors, pointer: string, deep: boolean): string | undefined {
  if (errors[pointer] !== undefined) return errors[pointer];
  if (!deep) return undefined;
  const key = Object.keys(errors).find((k) => k.startsWith(`${pointer}/`));
  return key === undefined ? undefined : errors[key];
}

const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/** `relationFields`: the blueprint's relations (absent: the form leaves links alone and sends no `relations`). */
export function useEntityFormState(
  schema: object,
  initial: EntityFormInitial | undefined,
  mode: 'create' | 'edit' | 'inputs',
  relationFields?: RelationField[],
) {
  const baseId = useId();
  const [values, setValues] = useState(() => ({
    identifier: initial?.identifier ?? '',
    title: initial?.title ?? '',
    // A new entity (or a run's inputs) starts from the schema's defaults; an existing one exactly as stored.
    data: mode !== 'edit' ? { ...defaultsFor(schema), ...initial?.data } : { ...initial?.data },
    relations: linkLists(initial?.relations),
  }));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  // Recomputed on every change: the same ajv rules as the server, so the verdict is known early.
  const clientErrors = useMemo(() => {
    const errors: FieldErrors = {};
    const idError = mode === 'create' ? identifierError(values.identifier) : undefined;
    if (idError) errors['/identifier'] = idError;
    for (const [pointer, message] of Object.entries(validateEntityData(schema, values.data))) errors[`/data${pointer}`] = message;
    for (const r of relationFields ?? []) {
      if (r.required && !ownValue<string[]>(values.relations, r.id)?.length)
        errors[`/relations/${r.id}`] =
          `Pick ${singleTarget(r.type) ? 'a' : 'at least one'} ${r.targetTitle.toLowerCase()}: this relation is required`;
    }
    return { ...errors, ...localErrors };
  }, [schema, values, localErrors, mode, relationFields]);

  const set = useCallback((pointer: string, value: unknown) => {
    setValues((v) => setAt(v, pointer, value) as typeof v);
    // A server verdict is about the value it saw; once the field changes it no longer applies.
    setServerErrors((errors) => {
      const stale = Object.keys(errors).filter((k) => related(k, pointer));
      if (stale.length === 0) return errors;
      const next = { ...errors };
      for (const k of stale) delete next[k];
      return next;
    });
  }, []);

  const api: FormApi = useMemo(
    () => ({
      idFor: (pointer) => `${baseId}${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`,
      get: (pointer) => getAt(values, pointer),
      set,
      touch: (pointer) => {
        // A press of the submit button blurs the field first. Marking it at once would show its
        // error, push the button down from under the pointer and lose the click; the submit shows
        // every error anyway. So the field is marked once focus has landed, unless on a submit.
        setTimeout(() => {
          const landed = document.activeElement;
          if (landed instanceof HTMLButtonElement && landed.type === 'submit') return;
          setTouched((t) => (t.has(pointer) ? t : new Set(t).add(pointer)));
        }, 0);
      },
      errorFor: (pointer, deep = false) => {
        const shown = submitted || touched.has(pointer);
        return (shown ? lookup(clientErrors, pointer, deep) : undefined) ?? lookup(serverErrors, pointer, deep);
      },
      setLocalError: (pointer, message) =>
        setLocalErrors((errors) => {
          if (errors[pointer] === message) return errors;
          const next = { ...errors };
          if (message === undefined) delete next[pointer];
          else next[pointer] = message;
          return next;
        }),
    }),
    [baseId, values, set, submitted, touched, clientErrors, serverErrors],
  );

  const submission = (): EntityFormValues => {
    const title = values.title.trim();
    const relations: Record<string, string | string[]> = {};
    for (const r of relationFields ?? []) {
      // Own keys only: a relation may be called `constructor`.
      const targets = ownValue<string[]>(values.relations, r.id) ?? [];
      if (targets.length) relations[r.id] = singleTarget(r.type) ? targets[0] : targets;
    }
    return { identifier: values.identifier, ...(title ? { title } : {}), data: values.data, ...(relationFields ? { relations } : {}) };
  };

  return { api, values, clientErrors, serverErrors, setServerErrors, setSubmitted, submission };
}
