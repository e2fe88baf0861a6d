import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RunsOverview } from '@/components/actions/runs-overview';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/settings-page';
import { loadActionPage } from '../actions/load-action-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Runs' };

type Props = { params: Promise<{ team: string }> };

// The team's runs, newest first, filtered by the status in the URL, a page at a time.
export default async function RunsPage({ params }: Props) {
  const { team } = await loadActionPage((await params).team, 'listRuns');
  return (
    <>
      <PageHeader title="Runs" icon="🏃" description="Every run of the team's actions: who asked, on what, and how it went." />
      <Suspense fallback={<TableSkeleton rows={6} />}>
        <RunsOverview team={team} />
      </Suspense>
    </>
  );
}
