'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import type { InvitationView } from '@/lib/invitations/invitation-view';
import { queryKeys } from '@/lib/web/api-client';
import { useCursorList } from '@/lib/web/use-cursor-list';
import { InviteForm, type InvitationCreated } from './invite-form';
import { NewInvitationPanel } from './new-invitation-panel';
import { PendingInvitationRow } from './pending-invitation-row';

type InvitationPage = { invitations: InvitationView[]; next_cursor: string | null };

// Invitations on the members page (team:manage): invite an email with a role, copy the link
// (shown once), see the pending ones and revoke them.
export function InvitationsPanel({ team, roles }: { team: string; roles: string[] }) {
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const pending = useCursorList(queryKeys.invitations(team), `/teams/${team}/invitations?limit=100`, (p: InvitationPage) => p.invitations);
  const rows = pending.items;
  return (
    <section aria-labelledby="invitations-title" className="space-y-4 pt-4">
      <div>
        <h2 id="invitations-title" className="text-lg font-semibold text-slate-900">
          Invitations
        </h2>
        <p className="text-sm text-slate-500">
          Invite someone by email with a role. They get a link that works once: they register or sign in, and join.
        </p>
      </div>
      {roles.length > 0 && <InviteForm team={team} roles={roles} onCreated={setCreated} />}
      {created && (
        <NewInvitationPanel
          email={created.invitation.email}
          role={created.invitation.role.name}
          url={created.url}
          expiresAt={created.invitation.expires_at}
          onClose={() => setCreated(null)}
        />
      )}
      {pending.error && <ErrorBanner error={pending.error} onRetry={() => pending.refetch()} />}
      {pending.isPending ? (
        <TableSkeleton rows={2} />
      ) : rows.length === 0 ? (
        <p
          data-testid="no-pending-invitations"
          className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500"
        >
          No pending invitations.
        </p>
      ) : (
        <DataTable columns={['Email', 'Role', 'Invited by', 'Sent', 'Expires', '']}>
          {rows.map((i) => (
            <PendingInvitationRow key={i.id} team={team} invitation={i} />
          ))}
        </DataTable>
      )}
      {pending.hasNextPage && (
        <Button variant="secondary" pending={pending.isFetchingNextPage} onClick={() => pending.fetchNextPage()}>
          Load more
        </Button>
      )}
    </section>
  );
}
