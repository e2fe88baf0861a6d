import { getDb } from '@/lib/db/prisma';
import { removeGroupMember } from '@/lib/groups/group-members';
import { uuidParam } from '@/lib/http/pagination';
import { withTeam } from '@/lib/http/route';

// DELETE /api/v1/teams/{team}/groups/{group}/members/{user_id} - take a person out of a group
export const DELETE = withTeam({}, async (ctx, { params }) => {
  await removeGroupMember(getDb(), ctx, params.group, uuidParam(params.userId, 'group member'));
  return { status: 204, body: null };
});
