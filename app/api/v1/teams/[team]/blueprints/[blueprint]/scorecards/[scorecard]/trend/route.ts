import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { scorecardParam } from '@/lib/scorecards/scorecard-params';
import { getScorecardTrend, parseTrendDays } from '@/lib/scorecards/evaluate/get-scorecard-trend';

// GET /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc}/trend?days=30 - the end-of-day level distribution of each of the last days
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['days']);
  const days = parseTrendDays(url.searchParams.get('days'));
  return { body: await getScorecardTrend(getDb(), ctx, blueprintParam(params.blueprint), scorecardParam(params.scorecard), days) };
});
