'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { focusFirstInvalid } from '@/components/ui/focus-first-invalid';
import { plural, sentence } from '@/components/ui/format';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';

type Changed = { ended_sessions: number; revoked_login_tokens: number };

// Change the password (POST /api/v1/auth/password): the current one again, then the new one. The
// server ends every other session and login token; the note says how many, and the lists reload.
export function PasswordForm() {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => api<Changed>('/auth/password', { method: 'POST', body: { current_password: current, new_password: next } }),
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.mySessions() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.myLoginTokens() }),
      ]);
    },
    onError: () => focusFirstInvalid(form.current),
  });
  const fields = change.error instanceof ApiError ? change.error.fieldErrors() : {};
  const currentError = fields['/current_password'] && (current ? 'The current password is wrong.' : 'Enter your current password.');
  const nextError = fields['/new_password'] && sentence(fields['/new_password']);
  const other = change.error && !currentError && !nextError ? sentence(change.error.message) : undefined;
  const done = change.data;
  return (
    <form
      ref={form}
      aria-label="Change password"
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Current password"
          name="current-password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={currentError}
        />
        <Field
          label="New password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={nextError}
          hint="At least 8 characters; not one of the most common passwords."
        />
      </div>
      {other && (
        <p role="alert" className="text-sm text-red-600">
          {other}
        </p>
      )}
      {done && !change.error && (
        <p
          role="status"
          data-testid="password-changed"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          Password changed. {plural(done.ended_sessions, 'other browser session was', 'other browser sessions were')} signed out and{' '}
          {plural(done.revoked_login_tokens, 'login token was', 'login tokens were')} revoked; this browser stays signed in.
        </p>
      )}
      <Button type="submit" pending={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
