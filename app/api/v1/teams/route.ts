import { getDb } from '@/lib/db/prisma';
import { withUser } from '@/lib/http/route';
import { createTeamBody } from '@/lib/teams/schemas';
import { createTeam, listMyTeams } from '@/lib/teams/team-service';

// GET /api/v1/teams - the caller's teams
export const GET = withUser({}, async (ctx) => ({ body: { teams: await listMyTeams(getDb(), ctx) } }));

// POST /api/v1/teams - create a team; the creator becomes its admin
export const POST = withUser({ body: createTeamBody }, async (ctx, { body }) => ({
  status: 201,
  body: await createTeam(getDb(), ctx, body),
}));
