import type { Metadata } from 'next';
import { actingUserId } from '@/lib/auth/actor';
import { ApprovalsInbox } from '@/components/actions/approvals-inbox';
import { PageHeader } from '@/components/ui/page-header';
import { loadActionPage } from '../actions/load-action-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Approvals' };

type Props = { params: Promise<{ team: string }> };

// Runs waiting for an approval, approved or rejected inline (by callers with action:approve).
export default async function ApprovalsPage({ params }: Props) {
  const { ctx, team, canApprove } = await loadActionPage((await params).team, 'listRuns');
  return (
    <>
      <PageHeader title="Approvals" icon="✅" description="Runs that wait for someone to approve them before they start." />
      <ApprovalsInbox team={team} canApprove={canApprove} me={actingUserId(ctx.actor)} />
    </>
  );
}
