'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { sentence } from '@/components/ui/format';
import type { InvitationView } from '@/lib/invitations/invitation-view';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';

export type InvitationCreated = { invitation: InvitationView; token: string; url: string };

// Invites an email (with or without an account) with a role; the link comes back once.
export function InviteForm({ team, roles, onCreated }: { team: string; roles: string[]; onCreated: (created: InvitationCreated) => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(roles.includes('editor') ? 'editor' : (roles[0] ?? ''));
  const invite = useMutation({
    mutationFn: () => api<InvitationCreated>(`/teams/${team}/invitations`, { method: 'POST', body: { email, role } }),
    onSuccess: async (created) => {
      setEmail('');
      onCreated(created);
      await queryClient.invalidateQueries({ queryKey: queryKeys.invitations(team) });
    },
  });
  const error = invite.error instanceof ApiError ? invite.error : null;
  const emailError = error?.fieldErrors()['/email']
    ? 'Enter a valid email address.'
    : error && error.code !== 'validation_failed'
      ? sentence(error.message)
      : undefined;
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      aria-label="Invite by email"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate();
      }}
    >
      <div className="min-w-64 flex-1">
        <Field
          label="Email to invite"
          name="invite-email"
          type="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            if (invite.error) invite.reset();
          }}
          error={emailError}
          hint="They need no account yet: the link lets them register."
          required
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
          Invitation role
        </label>
        <select
          id="invite-role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
          className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
        >
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </div>
      <Button type="submit" pending={invite.isPending} className="mb-5">
        Invite
      </Button>
    </form>
  );
}
