'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { focusFirstInvalid } from '@/components/ui/focus-first-invalid';
import { sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import type { GroupView } from '@/lib/groups/group-service';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';

/** The API's verdict, field by field: 422 details by JSON pointer, a 409 (identifier taken) at the identifier. */
function groupFormErrors(error: unknown) {
  if (!(error instanceof ApiError)) return { other: error instanceof Error ? error.message : undefined };
  const fields = error.fieldErrors();
  const identifier =
    error.code === 'conflict'
      ? sentence(error.message)
      : fields['/identifier'] && 'Lowercase letters, digits, dashes and underscores, starting with a letter or digit (at most 50).';
  const title = fields['/title'] && 'Give the group a title (at most 100 characters).';
  const description = fields['/description'] && 'Keep the description under 255 characters.';
  return { identifier, title, description, other: identifier || title || description ? undefined : sentence(error.message) };
}

// Create a group (identifier, title, description) or edit one's title and description: the
// identifier is fixed once made, as entities name it.
export function GroupForm({ team, group, onDone }: { team: string; group?: GroupView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [identifier, setIdentifier] = useState(group?.identifier ?? '');
  const [title, setTitle] = useState(group?.title ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [shown] = useState(() => JSON.stringify({ identifier, title, description }));
  const save = useMutation({
    mutationFn: () =>
      group
        ? api(`/teams/${team}/groups/${group.identifier}`, {
            method: 'PATCH',
            body: { title: title.trim(), description: description.trim() || null },
          })
        : api(`/teams/${team}/groups`, {
            method: 'POST',
            body: { identifier: identifier.trim(), title: title.trim(), ...(description.trim() && { description: description.trim() }) },
          }),
    onSuccess: async () => {
      notifyOutcome('group', title.trim(), group ? 'saved' : 'created');
      await queryClient.invalidateQueries({ queryKey: queryKeys.groups(team) });
      onDone();
    },
    onError: () => focusFirstInvalid(form.current),
  });
  useUnsavedGuard(
    !save.isSuccess && JSON.stringify({ identifier, title, description }) !== shown,
    group ? `the group ${group.title}` : 'this new group',
  );
  const errors = groupFormErrors(save.error);
  const prefix = group ? `group-${group.id}` : 'new-group';
  return (
    <form
      ref={form}
      aria-label={group ? `Edit group ${group.title}` : 'New group'}
      className="space-y-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm ring-4 ring-indigo-50"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && !save.isPending && onDone()}
    >
      <h2 className="text-base font-semibold text-slate-900">{group ? <>Edit group &ldquo;{group.title}&rdquo;</> : 'New group'}</h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Title"
          name={`${prefix}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          autoFocus
          maxLength={100}
          autoComplete="off"
        />
        {group ? (
          <Field label="Identifier" name={`${prefix}-identifier`} value={group.identifier} readOnly hint="Fixed: entities name it." />
        ) : (
          <Field
            label="Identifier"
            name={`${prefix}-identifier`}
            value={identifier}
            onChange={(e) => setIdentifier(e.target.value)}
            error={errors.identifier}
            maxLength={50}
            autoComplete="off"
            hint="What entities' owners name, e.g. payments."
          />
        )}
        <Field
          label="Description"
          name={`${prefix}-description`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
          maxLength={255}
          hint="Optional."
        />
      </div>
      {errors.other && (
        <p role="alert" className="text-sm text-red-600">
          {errors.other}
        </p>
      )}
      <div className="flex gap-2 border-t border-slate-100 pt-4">
        <Button type="submit" pending={save.isPending}>
          {group ? 'Save group' : 'Create group'}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
