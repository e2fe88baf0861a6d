import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { getTeamOpenApi, matchesIfNoneMatch } from '@/lib/openapi/get-team-openapi';
import { serverUrlOf } from '@/lib/openapi/server-url';

// GET /api/v1/teams/{team}/openapi.json - the API document for this team: its server, its slug and
// entity paths typed by each of its blueprints' schemas (ETag; If-None-Match answers 304)
export const GET = withTeam({}, async (ctx, { request, url }) => {
  allowOnlyParams(url, []);
  const { etag, build } = await getTeamOpenApi(getDb(), ctx, serverUrlOf(request.headers, request.url));
  // private: the document is the team's; no-cache: always revalidate, which the ETag makes cheap.
  const headers = { etag, 'cache-control': 'private, no-cache', vary: 'Authorization, Cookie' };
  if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return { body: build(), headers };
});
