import { getDb } from '@/lib/db/prisma';
import { deleteGroup, getGroup, updateGroup } from '@/lib/groups/group-service';
import { updateGroupBody } from '@/lib/groups/schemas';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/groups/{group} - one group
export const GET = withTeam({}, async (ctx, { params }) => ({ body: await getGroup(getDb(), ctx, params.group) }));

// PATCH /api/v1/teams/{team}/groups/{group} - edit a group's title or description
export const PATCH = withTeam({ body: updateGroupBody }, async (ctx, { params, body }) => ({
  body: await updateGroup(getDb(), ctx, params.group, body),
}));

// DELETE /api/v1/teams/{team}/groups/{group} - delete a group; entities it owned lose it as an owner
export const DELETE = withTeam({}, async (ctx, { params }) => ({ body: await deleteGroup(getDb(), ctx, params.group) }));
