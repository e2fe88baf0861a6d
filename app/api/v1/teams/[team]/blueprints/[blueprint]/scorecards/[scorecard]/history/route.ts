import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { listScorecardHistory } from '@/lib/scorecards/evaluate/list-scorecard-history';
import { scorecardParam } from '@/lib/scorecards/scorecard-params';

// GET /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc}/history?entity=&limit=&cursor= - level changes, newest first
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['entity', 'limit', 'cursor']);
  const query = { entity: url.searchParams.get('entity') || null, ...parsePageParams(url) };
  return { body: await listScorecardHistory(getDb(), ctx, blueprintParam(params.blueprint), scorecardParam(params.scorecard), query) };
});
