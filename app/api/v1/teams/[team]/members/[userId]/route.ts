import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { allowOnlyParams, flagParam } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { changeMemberRole, removeMember } from '@/lib/members/member-service';
import { changeMemberBody } from '@/lib/members/schemas';

// PATCH /api/v1/teams/{team}/members/{user_id} - change a member's role
export const PATCH = withTeam({ body: changeMemberBody }, async (ctx, { params, body }) => ({
  body: await changeMemberRole(getDb(), ctx, uuidParam(params.userId, 'member'), body),
}));

// DELETE /api/v1/teams/{team}/members/{user_id} - remove a member (never the last manager) and revoke their
// API keys in the team; answers the revoked keys (?dry_run=true: the keys it would revoke, nothing changed)
export const DELETE = withTeam({}, async (ctx, { params, url }) => {
  allowOnlyParams(url, ['dry_run']);
  const dryRun = flagParam(url, 'dry_run');
  const result = await removeMember(getDb(), ctx, uuidParam(params.userId, 'member'), { dryRun });
  return { body: dryRun ? { dry_run: true, ...result } : result };
});
