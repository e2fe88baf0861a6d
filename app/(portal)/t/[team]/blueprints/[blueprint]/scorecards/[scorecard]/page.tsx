import type { Metadata } from 'next';
import { ScorecardDashboard } from '@/components/scorecards/scorecard-dashboard';
import { loadScorecardPage } from '../load-scorecard-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ scorecard: string }> }): Promise<Metadata> {
  return { title: `Scorecard ${decodeURIComponent((await params).scorecard)}` };
}

type Props = { params: Promise<{ team: string; blueprint: string; scorecard: string }> };

// A scorecard's dashboard: distribution, pass rates, trend and the entities that fail the most.
export default async function ScorecardDashboardPage({ params }: Props) {
  const { team: slug, blueprint: raw, scorecard } = await params;
  const { team, blueprint, canWrite } = await loadScorecardPage(slug, raw);
  return (
    <ScorecardDashboard
      team={team}
      blueprint={{ id: blueprint.id, title: blueprint.title, icon: blueprint.icon }}
      scorecard={decodeURIComponent(scorecard)}
      canWrite={canWrite}
    />
  );
}
