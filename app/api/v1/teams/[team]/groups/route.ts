import { getDb } from '@/lib/db/prisma';
import { createGroup, listGroups } from '@/lib/groups/group-service';
import { createGroupBody } from '@/lib/groups/schemas';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/groups - the team's groups of people with their member counts
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listGroups(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/groups - create a group
export const POST = withTeam({ body: createGroupBody }, async (ctx, { body }) => ({
  status: 201,
  body: await createGroup(getDb(), ctx, body),
}));
