'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { api } from '@/lib/web/api-client';
import { notifyOutcome } from '@/components/ui/notify';

// The danger zone: deleting a team takes everything it owns, so the admin types its slug first.
export function DeleteTeamForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => api(`/teams/${slug}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifyOutcome('team', slug, 'deleted');
      router.push('/');
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-4 rounded-xl border border-red-200 bg-white p-6 shadow-sm"
      aria-label="Delete team"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed === slug) remove.mutate();
      }}
    >
      <div>
        <h2 className="font-semibold text-red-700">Delete this team</h2>
        <p className="mt-1 text-sm text-slate-600">
          Deletes its blueprints, entities, relations, roles, API keys, memberships and audit log. This cannot be undone.
        </p>
      </div>
      <Field
        label={`Type ${slug} to confirm`}
        name="confirm-slug"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      {remove.error && (
        <p role="alert" className="text-sm text-red-600">
          {remove.error.message}
        </p>
      )}
      <Button type="submit" variant="danger" disabled={typed !== slug} pending={remove.isPending}>
        Delete team
      </Button>
    </form>
  );
}
