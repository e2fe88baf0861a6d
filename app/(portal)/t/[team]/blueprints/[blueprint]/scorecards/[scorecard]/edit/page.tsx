import type { Metadata } from 'next';
import { EditScorecard } from '@/components/scorecards/edit-scorecard';
import { PageHeader } from '@/components/ui/page-header';
import { loadScorecardPage } from '../../load-scorecard-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ scorecard: string }> }): Promise<Metadata> {
  return { title: `Edit scorecard ${decodeURIComponent((await params).scorecard)}` };
}

type Props = { params: Promise<{ team: string; blueprint: string; scorecard: string }> };

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
