import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { addMember, listMembers } from '@/lib/members/member-service';
import { addMemberBody } from '@/lib/members/schemas';

// GET /api/v1/teams/{team}/members - the team's members with their roles
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listMembers(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/members - add an existing user by email with a role
export const POST = withTeam({ body: addMemberBody }, async (ctx, { body }) => ({
  status: 201,
  body: await addMember(getDb(), ctx, body),
}));
