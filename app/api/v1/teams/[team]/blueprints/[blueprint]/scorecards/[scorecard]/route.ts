import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { ifMatchVersions, versionEtag } from '@/lib/http/etag';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { scorecardParam } from '@/lib/scorecards/scorecard-params';
import { patchScorecardBody, replaceScorecardBody } from '@/lib/scorecards/scorecard-schemas';
import { deleteScorecard, getScorecard, updateScorecard, type ScorecardWithVersion } from '@/lib/scorecards/scorecard-service';

const withEtag = ({ view, version }: ScorecardWithVersion) => ({ body: view, headers: { etag: versionEtag(version) } });
const ids = (params: Record<string, string>) => [blueprintParam(params.blueprint), scorecardParam(params.scorecard)] as const;

// GET /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc} - one scorecard (and its ETag)
export const GET = withTeam({}, async (ctx, { url, params }) => {
  allowOnlyParams(url, []);
  return withEtag(await getScorecard(getDb(), ctx, ...ids(params)));
});

// PUT /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc} - replace the scorecard (If-Match: its ETag)
export const PUT = withTeam({ body: replaceScorecardBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateScorecard(getDb(), ctx, ...ids(params), { replace: true, input: body }, options));
});

// PATCH /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc} - a JSON merge patch of the scorecard (If-Match: its ETag)
export const PATCH = withTeam({ body: patchScorecardBody }, async (ctx, { request, url, params, body }) => {
  allowOnlyParams(url, []);
  const options = { ifMatch: ifMatchVersions(request) };
  return withEtag(await updateScorecard(getDb(), ctx, ...ids(params), { replace: false, patch: body }, options));
});

// DELETE /api/v1/teams/{team}/blueprints/{bp}/scorecards/{sc} - delete it with its results and history
export const DELETE = withTeam({}, async (ctx, { request, url, params }) => {
  allowOnlyParams(url, []);
  await deleteScorecard(getDb(), ctx, ...ids(params), { ifMatch: ifMatchVersions(request) });
  return { status: 204, body: null };
});
