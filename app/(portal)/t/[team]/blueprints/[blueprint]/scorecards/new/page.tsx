import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { ScorecardEditor } from '@/components/scorecards/scorecard-editor';
import { PageHeader } from '@/components/ui/page-header';
import { loadScorecardPage } from '../load-scorecard-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New scorecard' };

type Props = { params: Promise<{ team: string; blueprint: string }> };

// A new scorecard on the blueprint, with a live preview of its counts before it is saved.
export default async function NewScorecardPage({ params }: Props) {
  const { team: slug, blueprint: raw } = await params;
  const { team, blueprint, relations, blueprints, canWrite } = await loadScorecardPage(slug, raw);
  if (!canWrite) forbidden(); // the create route would refuse (createScorecard: scorecard:write)
  return (
    <>
      <PageHeader title="New scorecard" icon={blueprint.icon} description={`Levels and rules over ${blueprint.title} entities.`} />
      <ScorecardEditor
        team={team}
        blueprint={blueprint.id}
        schema={blueprint.schema}
        relations={relations}
        blueprints={blueprints}
        canWrite
        initial={null}
      />
    </>
  );
}
