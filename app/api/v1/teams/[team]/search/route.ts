import { getDb } from '@/lib/db/prisma';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { parseQuickSearchParams, searchTeamEntities } from '@/lib/quick-search/search-team-entities';

// GET /api/v1/teams/{team}/search?q=...&limit=10 - quick search: the team's entities by identifier and title, best match first
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['q', 'limit']);
  return { body: { results: await searchTeamEntities(getDb(), ctx, parseQuickSearchParams(url)) } };
});
