import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { newActionHref, runsHref } from '@/components/actions/action-paths';
import { ActionsOverview } from '@/components/actions/actions-overview';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/settings-page';
import { loadActionPage } from './load-action-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Actions' };

type Props = { params: Promise<{ team: string }> };

// The team's self-service actions (filtered by blueprint from the URL) and its recent runs.
export default async function ActionsPage({ params }: Props) {
  const { team, blueprints, canWrite } = await loadActionPage((await params).team);
  return (
    <>
      <PageHeader
        title="Actions"
        icon="⚡"
        description="Forms people fill in to get things done, each run with a live log and an audit trail."
        aside={
          <div className="flex gap-2">
            <Link href={runsHref(team)} className={buttonClass('secondary')}>
              All runs
            </Link>
            {canWrite && (
              <Link href={newActionHref(team)} className={buttonClass('primary')}>
                <span aria-hidden>+</span> New action
              </Link>
            )}
          </div>
        }
      />
      <Suspense fallback={<TableSkeleton rows={4} />}>
        <ActionsOverview team={team} blueprints={blueprints.map(({ id, title, icon }) => ({ id, title, icon }))} canWrite={canWrite} />
      </Suspense>
    </>
  );
}
