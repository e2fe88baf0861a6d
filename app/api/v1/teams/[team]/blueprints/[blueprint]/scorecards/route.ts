import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { versionEtag } from '@/lib/http/etag';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { createScorecardBody } from '@/lib/scorecards/scorecard-schemas';
import { createScorecard, listScorecards } from '@/lib/scorecards/scorecard-service';

// GET /api/v1/teams/{team}/blueprints/{bp}/scorecards - the blueprint's scorecards, oldest first
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listScorecards(getDb(), ctx, blueprintParam(params.blueprint), parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/blueprints/{bp}/scorecards - create a scorecard (its results are computed in the background)
export const POST = withTeam({ body: createScorecardBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  const { view, version } = await createScorecard(getDb(), ctx, blueprintParam(params.blueprint), body);
  return { status: 201, body: view, headers: { etag: versionEtag(version) } };
});
