'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { api, ApiError } from '@/lib/web/api-client';
import { slugify } from '@/lib/web/slugify';
import { notifyOutcome } from '@/components/ui/notify';

export function CreateTeamForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useMutation({
    mutationFn: () => api<{ slug: string }>('/teams', { method: 'POST', body: { name, slug } }),
    onSuccess: async (team) => {
      notifyOutcome('team', name.trim() || team.slug, 'created');
      await queryClient.invalidateQueries();
      router.push(`/t/${team.slug}`);
      router.refresh();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const fields = error?.fieldErrors() ?? {};
  const slugError = fields['/slug']
    ? 'Use lowercase letters, digits and single hyphens.'
    : error?.code === 'conflict'
      ? error.message
      : undefined;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Field
        label="Team name"
        name="name"
        required
        autoFocus
        value={name}
        maxLength={100}
        error={fields['/name'] && 'Give the team a name.'}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugTouched) setSlug(slugify(e.target.value));
        }}
      />
      <Field
        label="Slug"
        name="slug"
        required
        value={slug}
        maxLength={50}
        error={slugError}
        hint={<>The team&apos;s address: /t/{slug || 'your-team'}</>}
        onChange={(e) => {
          setSlugTouched(true);
          setSlug(e.target.value);
        }}
      />
      {error && !fields['/name'] && !slugError && (
        <p role="alert" className="text-sm text-red-600">
          {error.message}
        </p>
      )}
      <Button type="submit" pending={create.isPending}>
        Create team
      </Button>
    </form>
  );
}
