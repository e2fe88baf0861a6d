import { updateProfileBody } from '@/lib/auth/schemas';
import { updateProfile } from '@/lib/auth/update-profile';
import { getDb } from '@/lib/db/prisma';
import { withUser } from '@/lib/http/route';
import { listMyTeams } from '@/lib/teams/team-service';
import { USER_SELECT, toUserView } from '@/lib/users/user-view';

// GET /api/v1/auth/me - the caller and their teams (for an API key: its creator and its team)
export const GET = withUser({}, async (ctx) => {
  const db = getDb();
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.creatorId;
  const [user, teams] = await Promise.all([
    userId ? db.user.findUnique({ where: { id: userId }, select: USER_SELECT }) : null,
    listMyTeams(db, ctx),
  ]);
  return {
    body: {
      user: user ? toUserView(user) : null,
      ...(ctx.actor.kind === 'api_key' && { api_key: { id: ctx.actor.keyId, name: ctx.actor.keyName } }),
      teams: teams.map(({ id, slug, name, role }) => ({ id, slug, name, role })),
    },
  };
});

// PATCH /api/v1/auth/me - change the caller's display name
export const PATCH = withUser({ body: updateProfileBody }, async (ctx, { body }) => ({ body: await updateProfile(getDb(), ctx, body) }));
