import { getDb } from '@/lib/db/prisma';
import { withTeam } from '@/lib/http/route';
import { updateTeamBody } from '@/lib/teams/schemas';
import { deleteTeam, getTeam, updateTeam } from '@/lib/teams/team-service';

// GET /api/v1/teams/{team} - the team, with the caller's role and permissions in it
export const GET = withTeam({}, async (ctx) => ({ body: await getTeam(getDb(), ctx) }));

// PATCH /api/v1/teams/{team} - rename the team or change its slug
export const PATCH = withTeam({ body: updateTeamBody }, async (ctx, { body }) => ({
  body: await updateTeam(getDb(), ctx, body),
}));

// DELETE /api/v1/teams/{team} - delete the team and everything it owns
export const DELETE = withTeam({}, async (ctx) => {
  await deleteTeam(getDb(), ctx);
  return { status: 204, body: null };
});
