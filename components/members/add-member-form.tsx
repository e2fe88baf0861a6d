'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { sentence } from '@/components/ui/format';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';
import { notifyOutcome } from '@/components/ui/notify';

// Adds an existing account to the team by email, with a role.
/** `active`: this form made the page's latest request (only then its error shows); `onAct` says it did. */
export function AddMemberForm({
  team,
  roles,
  active = true,
  onAct,
}: {
  team: string;
  roles: string[];
  active?: boolean;
  onAct?: () => void;
}) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(roles.includes('editor') ? 'editor' : (roles[0] ?? ''));
  const add = useMutation({
    mutationFn: () => api(`/teams/${team}/members`, { method: 'POST', body: { email, role } }),
    onSuccess: async () => {
      notifyOutcome('member', email.trim(), 'added');
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: queryKeys.members(team) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.roles(team) });
    },
  });
  const error = active && add.error instanceof ApiError ? add.error : null;
  const emailError = error?.fieldErrors()['/email']
    ? 'Enter a valid email address.'
    : error && error.code !== 'validation_failed'
      ? sentence(error.message)
      : undefined;
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      aria-label="Add a member"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onAct?.();
        add.mutate();
      }}
    >
      <div className="min-w-64 flex-1">
        <Field
          label="Email of an existing account"
          name="member-email"
          type="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            // The refusal was about the address it saw: a new one is not refused yet.
            if (add.error) add.reset();
          }}
          error={emailError}
          required
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="member-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select
          id="member-role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
        >
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <Button type="submit" pending={add.isPending} className={emailError ? 'mb-5' : ''}>
        Add member
      </Button>
    </form>
  );
}
