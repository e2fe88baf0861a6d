import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { scorecardParam } from '@/lib/scorecards/scorecard-params';
import { getScorecardSummary } from '@/lib/scorecards/evaluate/summarize-scorecard';
import { parseJsonParam } from '@/lib/search/parse-json-param';

// GET /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc}/summary?query=<JSON> - the live distribution per level and pass rate per rule
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['query']);
  const query = parseJsonParam(url.searchParams.get('query') ?? undefined, 'query');
  return { body: await getScorecardSummary(getDb(), ctx, blueprintParam(params.blueprint), scorecardParam(params.scorecard), query) };
});
