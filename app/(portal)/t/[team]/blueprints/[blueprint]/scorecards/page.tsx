import type { Metadata } from 'next';
import Link from 'next/link';
import { ScorecardList } from '@/components/scorecards/scorecard-list';
import { scorecardsHref } from '@/components/scorecards/scorecard-paths';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { loadScorecardPage } from './load-scorecard-page';
import { blueprintTitle } from '../../../load-team';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ team: string; blueprint: string }> }): Promise<Metadata> {
  const { team, blueprint } = await params;
  const title = await blueprintTitle(team, blueprint);
  return { title: `${title} scorecards` };
}

type Props = { params: Promise<{ team: string; blueprint: string }> };

// A blueprint's scorecards: one card each with its level distribution (loaded through the API).
export default async function ScorecardsPage({ params }: Props) {
  const { team: slug, blueprint: raw } = await params;
  const { team, blueprint, canWrite } = await loadScorecardPage(slug, raw);
  return (
    <>
      <PageHeader
        title={`${blueprint.title} scorecards`}
        icon={blueprint.icon}
        description="Levels and rules over this blueprint's entities, kept up to date on every write."
        aside={
          <div className="flex gap-2">
            <Link href={`/t/${team}/blueprints/${blueprint.id}`} className={buttonClass('secondary')}>
              Catalog
            </Link>
            {canWrite && (
              <Link href={`${scorecardsHref(team, blueprint.id)}/new`} className={buttonClass('primary')}>
                <span aria-hidden>+</span> New scorecard
              </Link>
            )}
          </div>
        }
      />
      <ScorecardList team={team} blueprint={blueprint.id} />
    </>
  );
}
