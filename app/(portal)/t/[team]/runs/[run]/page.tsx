import type { Metadata } from 'next';
import { actingUserId } from '@/lib/auth/actor';
import Link from 'next/link';
import { runsHref } from '@/components/actions/action-paths';
import { RunDetails } from '@/components/actions/run-details';
import { PageHeader } from '@/components/ui/page-header';
import { loadActionPage } from '../../actions/load-action-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ run: string }> }): Promise<Metadata> {
  return { title: `Run ${decodeURIComponent((await params).run).slice(0, 8)}` };
}

type Props = { params: Promise<{ team: string; run: string }> };

// One run: its status, steps and live log; approve, reject or cancel it where the caller may.
export default async function RunPage({ params }: Props) {
  const { team: slug, run } = await params;
  const { ctx, team, canApprove, canExecute } = await loadActionPage(slug, 'getRun');
  const id = decodeURIComponent(run);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={runsHref(team)} className="hover:text-slate-800 hover:underline">
          Runs
        </Link>
        <span aria-hidden className="mx-1.5 text-slate-300">
          /
        </span>
        <span className="font-mono text-xs">{id}</span>
      </nav>
      <PageHeader title="Run" icon="🏃" />
      <RunDetails team={team} run={id} canApprove={canApprove} canExecute={canExecute} me={actingUserId(ctx.actor)} />
    </>
  );
}
