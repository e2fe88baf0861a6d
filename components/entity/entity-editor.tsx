'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EntityForm, type EntityFormResult, type EntityFormValues } from '@/components/entity-form/entity-form';
import type { RelationField } from '@/lib/forms/relation-fields';
import { Button } from '@/components/ui/button';
import { sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import { api, ApiError } from '@/lib/web/api-client';
import { blueprintHref, entityApiPath, entityHref } from './entity-href';

/** `relations`: the links the page was opened with, edited by the form's pickers (PUT replaces them). */
type Existing = {
  identifier: string;
  title: string | null;
  data: Record<string, unknown>;
  relations?: Record<string, unknown>;
  version: number;
};
/** `relationFields`: the blueprint's relations, one picker each; `titles`: the linked entities' titles, by relation and identifier. */
type Props = {
  team: string;
  blueprint: string;
  /** The blueprint's title, for the toast after a save ("Service “checkout” created."). */
  kind: string;
  schema: object;
  relationFields: RelationField[];
  titles?: Record<string, Record<string, string | null>>;
} & ({ mode: 'create'; entity?: undefined } | { mode: 'edit'; entity: Existing });

const secondaryLink =
  'rounded-md px-3.5 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500';

/** What the form shows for a refused save: field errors under their controls, else a message. */
function refusal(error: unknown, mode: 'create' | 'edit'): EntityFormResult {
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'validation_failed')
    return { fieldErrors: error.fieldErrors(), message: 'The server refused some values: see the highlighted fields.' };
  if (error.reason === 'already_exists' && mode === 'create')
    return { fieldErrors: { '/identifier': 'An entity with this identifier already exists' } };
  return { message: sentence(error.message) };
}

// The generated form on its page: creates (POST) or replaces (PUT with If-Match: the version the
// page was opened at) through the REST API, then opens the entity. A save that lost a race with
// another editor says so and offers a reload instead of overwriting their change.
export function EntityEditor({ team, blueprint, kind, schema, relationFields, titles, mode, entity }: Props) {
  const router = useRouter();
  const [stale, setStale] = useState(false);
  const save = useMutation({
    mutationFn: (values: EntityFormValues) =>
      mode === 'create'
        ? api<{ identifier: string }>(`/teams/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}/entities`, {
            method: 'POST',
            body: values,
          })
        : api<{ identifier: string }>(entityApiPath(team, blueprint, entity.identifier), {
            method: 'PUT',
            body: { title: values.title ?? null, data: values.data, relations: values.relations ?? {} },
            headers: { 'If-Match': `"${entity.version}"` },
          }),
  });

  async function onSubmit(values: EntityFormValues): Promise<EntityFormResult> {
    try {
      const saved = await save.mutateAsync(values);
      notifyOutcome(kind, saved.identifier, mode === 'create' ? 'created' : 'saved');
      router.push(entityHref(team, blueprint, saved.identifier));
      router.refresh();
    } catch (error) {
      if (mode === 'edit' && error instanceof ApiError && error.reason === 'stale_version') {
        setStale(true);
        return {
          message: `Someone saved this entity after you opened it (you edited version ${entity.version}). Reload to see their changes, then apply yours again: your edits here are not saved.`,
        };
      }
      return refusal(error, mode);
    }
  }

  const cancelHref = mode === 'create' ? blueprintHref(team, blueprint) : entityHref(team, blueprint, entity.identifier);
  return (
    <EntityForm
      schema={schema}
      mode={mode}
      initial={entity ? { identifier: entity.identifier, title: entity.title, data: entity.data, relations: entity.relations } : undefined}
      relations={{ team, fields: relationFields, titles }}
      onSubmit={onSubmit}
      secondaryAction={
        <>
          {stale && (
            <Button type="button" variant="secondary" onClick={() => window.location.reload()}>
              Reload latest version
            </Button>
          )}
          <Link href={cancelHref} className={secondaryLink}>
            Cancel
          </Link>
        </>
      }
    />
  );
}
