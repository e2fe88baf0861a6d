import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { newActionHref } from '@/components/actions/action-paths';
import { ActionTable } from '@/components/actions/action-table';
import { RunList } from '@/components/actions/run-list';
import { blueprintHref } from '@/components/entity/entity-href';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { loadActionPage } from '../../../actions/load-action-page';
import { blueprintTitle } from '../../../load-team';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ team: string; blueprint: string }> }): Promise<Metadata> {
  const { team, blueprint } = await params;
  const title = await blueprintTitle(team, blueprint);
  return { title: `${title} actions` };
}

type Props = { params: Promise<{ team: string; blueprint: string }> };

// One blueprint's actions and the latest runs on its entities.
export default async function BlueprintActionsPage({ params }: Props) {
  const { team: slug, blueprint: raw } = await params;
  const { team, blueprints, canWrite } = await loadActionPage(slug);
  const blueprint = blueprints.find((b) => b.id === decodeURIComponent(raw));
  if (!blueprint) notFound();
  const options = blueprints.map(({ id, title, icon }) => ({ id, title, icon }));
  return (
    <>
      <PageHeader
        title={`${blueprint.title} actions`}
        icon={blueprint.icon}
        description="What people can run on this blueprint's entities, or to create one."
        aside={
          <div className="flex gap-2">
            <Link href={blueprintHref(team, blueprint.id)} className={buttonClass('secondary')}>
              Catalog
            </Link>
            {canWrite && (
              <Link href={newActionHref(team, blueprint.id)} className={buttonClass('primary')}>
                <span aria-hidden>+</span> New action
              </Link>
            )}
          </div>
        }
      />
      <div className="space-y-8">
        <ActionTable team={team} blueprints={options} blueprint={blueprint.id} canWrite={canWrite} />
        <section aria-labelledby="blueprint-runs-heading" className="space-y-3">
          <h2 id="blueprint-runs-heading" className="text-base font-semibold text-slate-900">
            Recent runs
          </h2>
          <RunList team={team} status="" blueprint={blueprint.id} limit={50} loadMore={false} />
        </section>
      </div>
    </>
  );
}
