'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatDate, sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import type { InvitationView } from '@/lib/invitations/invitation-view';
import { api, queryKeys } from '@/lib/web/api-client';

// One pending invitation: who, which role, who sent it, until when; revoke after a confirm step.
export function PendingInvitationRow({ team, invitation: i }: { team: string; invitation: InvitationView }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api(`/teams/${team}/invitations/${i.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifyOutcome('invitation for', i.email, 'revoked');
      return queryClient.invalidateQueries({ queryKey: queryKeys.invitations(team) });
    },
  });
  return (
    <tr data-testid={`invitation-${i.email}`}>
      <td className="px-4 py-3 font-medium text-slate-900">{i.email}</td>
      <td className="px-4 py-3 text-slate-700">{i.role.name}</td>
      <td className="px-4 py-3 text-xs text-slate-600">{i.invited_by ? (i.invited_by.name ?? i.invited_by.email) : 'Former member'}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDate(i.created_at)}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDate(i.expires_at)}</td>
      <td className="whitespace-nowrap px-4 py-2.5 text-right">
        <ConfirmButton
          label="Revoke"
          confirmLabel="Revoke now"
          ariaLabel={`Revoke the invitation for ${i.email}`}
          onConfirm={() => revoke.mutateAsync()}
        />
        {revoke.error && (
          <p role="alert" className="mt-1 whitespace-normal text-xs text-red-600">
            {sentence(revoke.error.message)}
          </p>
        )}
      </td>
    </tr>
  );
}
