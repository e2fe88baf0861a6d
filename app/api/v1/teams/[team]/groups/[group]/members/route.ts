import { getDb } from '@/lib/db/prisma';
import { addGroupMember, listGroupMembers } from '@/lib/groups/group-members';
import { addGroupMemberBody } from '@/lib/groups/schemas';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/groups/{group}/members - the people of a group
export const GET = withTeam({}, async (ctx, { params }) => ({ body: await listGroupMembers(getDb(), ctx, params.group) }));

// POST /api/v1/teams/{team}/groups/{group}/members - add a member of the team to the group
export const POST = withTeam({ body: addGroupMemberBody }, async (ctx, { params, body }) => ({
  status: 201,
  body: await addGroupMember(getDb(), ctx, params.group, body),
}));
