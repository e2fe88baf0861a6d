'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import { api, ApiError } from '@/lib/web/api-client';

// The person's display name (PATCH /api/v1/auth/me); the header shows the new one after a refresh.
export function NameForm({ initialName, email }: { initialName: string; email: string }) {
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const save = useMutation({
    mutationFn: () => api('/auth/me', { method: 'PATCH', body: { name: name.trim() } }),
    onSuccess: () => {
      notifyOutcome('Name', name.trim(), 'saved');
      router.refresh();
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const nameError = fields['/name'] ? (name.trim() ? 'Use at most 100 characters.' : 'Enter your name.') : undefined;
  const other = save.error && !nameError ? sentence(save.error.message) : undefined;
  return (
    <form
      aria-label="Your name"
      noValidate
      className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-[1fr_1fr_auto] sm:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Field
        label="Name"
        name="profile-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        autoComplete="name"
        error={nameError}
      />
      <Field label="Email" name="profile-email" value={email} readOnly hint="Your sign-in name; it cannot be changed here." />
      <div className="sm:pt-6">
        <Button type="submit" pending={save.isPending} disabled={name.trim() === initialName}>
          Save name
        </Button>
      </div>
      {other && (
        <p role="alert" className="text-sm text-red-600 sm:col-span-3">
          {other}
        </p>
      )}
    </form>
  );
}
