import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { withTeam } from '@/lib/http/route';
import { changeMemberRole, removeMember } from '@/lib/members/member-service';
import { changeMemberBody } from '@/lib/members/schemas';

// PATCH /api/v1/teams/{team}/members/{user_id} - change a member's role
export const PATCH = withTeam({ body: changeMemberBody }, async (ctx, { params, body }) => ({
  body: await changeMemberRole(getDb(), ctx, uuidParam(params.userId, 'member'), body),
}));

// DELETE /api/v1/teams/{team}/members/{user_id} - remove a member (never the last admin)
export const DELETE = withTeam({}, async (ctx, { params }) => {
  await removeMember(getDb(), ctx, uuidParam(params.userId, 'member'));
  return { status: 204, body: null };
});
