import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditPanel } from '@/components/audit/audit-panel';
import { SettingsPage, TableSkeleton } from '@/components/ui/settings-page';
import { requireEntryPointPage } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'Audit log' };

// What listAuditLogs allows (team:manage), since the panel loads through it; the filters are read from the URL on the client (hence the Suspense).
export default async function AuditPage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await requireEntryPointPage((await params).team, 'listAuditLogs');
  return (
    <SettingsPage title="Audit log" description="Every change in this team: who made it, when, from where, and what changed.">
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <AuditPanel team={ctx.team.slug} />
      </Suspense>
    </SettingsPage>
  );
}
