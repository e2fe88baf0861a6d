'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { api, ApiError } from '@/lib/web/api-client';
import { notifyDone } from '@/components/ui/notify';

// Rename the team or change its slug (the address of every page under it).
export function TeamSettingsForm({ team }: { team: { slug: string; name: string } }) {
  const router = useRouter();
  const [name, setName] = useState(team.name);
  const [slug, setSlug] = useState(team.slug);
  const save = useMutation({
    mutationFn: () =>
      api<{ slug: string }>(`/teams/${team.slug}`, {
        method: 'PATCH',
        body: { ...(name !== team.name && { name }), ...(slug !== team.slug && { slug }) },
      }),
    onSuccess: (updated) => {
      notifyDone('Team settings saved.');
      router.replace(`/t/${updated.slug}/settings`);
      router.refresh();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const fields = error?.fieldErrors() ?? {};
  const unchanged = name === team.name && slug === team.slug;
  return (
    <form
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      aria-label="Team details"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Field
        label="Team name"
        name="team-name"
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        error={fields['/name'] && 'Give the team a name.'}
      />
      <Field
        label="Slug"
        name="team-slug"
        value={slug}
        maxLength={50}
        onChange={(e) => setSlug(e.target.value)}
        error={
          fields['/slug'] ? 'Use lowercase letters, digits and single hyphens.' : error?.code === 'conflict' ? error.message : undefined
        }
        hint="Changing it changes every link to this team's pages."
      />
      {save.isSuccess && unchanged && (
        <p className="text-sm text-emerald-700" role="status">
          Saved.
        </p>
      )}
      <Button type="submit" pending={save.isPending} disabled={unchanged}>
        Save changes
      </Button>
    </form>
  );
}
