import type { Metadata } from 'next';
import { getDb } from '@/lib/db/prisma';
import { getScorecard } from '@/lib/scorecards/scorecard-service';
import { titleFrom } from '@/lib/web/page-context';
import { ScorecardDashboard } from '@/components/scorecards/scorecard-dashboard';
import { loadScorecardPage } from '../load-scorecard-page';

export const dynamic = 'force-dynamic';
type Props = { params: Promise<{ team: string; blueprint: string; scorecard: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team: slug, blueprint: raw, scorecard } = await params;
  const identifier = decodeURIComponent(scorecard);
  const { ctx, blueprint } = await loadScorecardPage(slug, raw);
  const title = await titleFrom(getScorecard(getDb(), ctx, blueprint.id, identifier), (s) => s.view.title, identifier);
  return { title };
}

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
