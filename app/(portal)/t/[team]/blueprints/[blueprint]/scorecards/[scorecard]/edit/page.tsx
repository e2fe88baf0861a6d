import type { Metadata } from 'next';
import { getDb } from '@/lib/db/prisma';
import { getScorecard } from '@/lib/scorecards/scorecard-service';
import { titleFrom } from '@/lib/web/page-context';
import { EditScorecard } from '@/components/scorecards/edit-scorecard';
import { PageHeader } from '@/components/ui/page-header';
import { loadScorecardPage } from '../../load-scorecard-page';

export const dynamic = 'force-dynamic';
type Props = { params: Promise<{ team: string; blueprint: string; scorecard: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team: slug, blueprint: raw, scorecard } = await params;
  const identifier = decodeURIComponent(scorecard);
  const { ctx, blueprint } = await loadScorecardPage(slug, raw);
  const title = await titleFrom(getScorecard(getDb(), ctx, blueprint.id, identifier), (s) => s.view.title, identifier);
  return { title: `Edit ${title}` };
}

// A scorecard's definition: editable with scorecard:write, read-only otherwise.
export default async function EditScorecardPage({ params }: Props) {
  const { team: slug, blueprint: raw, scorecard } = await params;
  const { team, blueprint, relations, blueprints, canWrite } = await loadScorecardPage(slug, raw);
  return (
    <>
      <PageHeader
        title={canWrite ? 'Edit scorecard' : 'Scorecard definition'}
        icon={blueprint.icon}
        description={`On ${blueprint.title}.`}
      />
      <EditScorecard
        team={team}
        blueprint={blueprint.id}
        scorecard={decodeURIComponent(scorecard)}
        schema={blueprint.schema}
        relations={relations}
        blueprints={blueprints}
        canWrite={canWrite}
      />
    </>
  );
}
